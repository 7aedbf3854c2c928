/** The pure rules behind watch inputs: glob parsing and matching, and where outputs may go (on both path styles). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeFolderIds } from '../../app/watch/active-folders';
import { compileGlob, globMatches, GlobError } from '../../app/watch/glob';
import type { FolderRow } from '../../app/watch/ledger';
import { outputFolderProblem, systemFolderOf } from '../../app/watch/output-folder';

const m = (glob: string, name: string) => globMatches(compileGlob(glob), name);

test('globs match base names without case, with classes, ranges, negation and nested braces', () => {
  assert.ok(m('scan-*.{png,jpg}', 'SCAN-001.JPG'));
  assert.ok(!m('scan-*.{png,jpg}', 'scan-001.gif'));
  assert.ok(m('x?.webp', 'x1.webp') && !m('x?.webp', 'x12.webp'));
  assert.ok(m('[a-c]*', 'Bee.png') && !m('[!a-c]*', 'bee.png') && m('[!a-c]*', 'dog.png'));
  assert.ok(m('[]x]y', ']y') && m('a[-z]', 'a-'));
  assert.ok(m('{a,b{c,d}}.png', 'bd.png') && !m('{a,b{c,d}}.png', 'b.png'));
  assert.ok(m('*', '中文 🖼.jpg') && m('?.jpg', '🖼.jpg'));
  assert.ok(m('**a*', 'xxa') && !m('*a', 'ab'));
  // Linear matching: a pattern that makes a backtracking regular expression run for ages answers at once.
  assert.ok(!m('*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(250)));
});

test('invalid globs are refused with their reason', () => {
  for (const [bad, why] of [
    ['}', /"}" at 1 has no "{"/],
    ['a{b', /"{" at 2 is never closed/],
    ['[z-a]', /range "z-a" is out of order/],
    ['[abc', /never closed/],
    ['[]', /never closed/],
    ['a/b', /cannot hold/],
    ['a\\b', /cannot hold/],
    ['', /empty/],
    ['x'.repeat(257), /longer than/],
    ['{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}{o,p}{q,r}', /more than 256 alternatives/],
  ] as const)
    assert.throws(
      () => compileGlob(bad),
      (e: unknown) => e instanceof GlobError && why.test(e.message),
      bad,
    );
});

test('output folders: absolute, outside system locations, not the watched folder nor above it', () => {
  assert.equal(outputFolderProblem('/home/u/in', '/home/u/out', 'linux'), null);
  assert.equal(outputFolderProblem('/home/u/in', '/home/u/in/ocr', 'linux'), null);
  assert.match(outputFolderProblem('/home/u/in', 'out', 'linux')!, /absolute/);
  assert.match(outputFolderProblem('/home/u/in', '/home/u/in', 'linux')!, /watched folder itself/);
  assert.match(outputFolderProblem('/home/u/in', '/home', 'linux')!, /holds the watched folder/);
  for (const sys of ['/etc', '/etc/x', '/usr/local/share', '/bin', '/proc/1', '/sys', '/dev/shm', '/'])
    assert.ok(systemFolderOf(sys, 'linux'), sys);
  for (const ok of ['/etcetera', '/home/u', '/tmp/x', '/var/tmp/x', '/srv/ocr'])
    assert.equal(systemFolderOf(ok, 'linux'), undefined, ok);
  assert.equal(outputFolderProblem('C:\\Users\\u\\in', 'D:\\ocr', 'win32'), null);
  assert.match(
    outputFolderProblem('C:\\Users\\u\\in', 'c:\\windows\\System32\\x', 'win32')!,
    /system location/,
  );
  assert.match(
    outputFolderProblem('C:\\Users\\u\\in', 'C:\\Program Files\\Lantern', 'win32')!,
    /system location/,
  );
  assert.match(outputFolderProblem('C:\\Users\\u\\in', 'D:\\', 'win32')!, /system location/);
  assert.match(
    outputFolderProblem('C:\\Users\\u\\in', 'c:\\users\\U\\IN', 'win32')!,
    /watched folder itself/,
  );
});

test('the runner takes files from enabled watches unless watching is paused, from batches while active, never paused ones', () => {
  const folder = (id: string, kind: FolderRow['kind'], enabled = true): FolderRow => ({
    id,
    dir: `/in/${id}`,
    kind,
    options: { recursive: false, outDir: null, formats: ['txt'], patterns: [] },
    enabled,
    pausedReason: null,
  });
  const folders = [
    folder('w1', 'watch'),
    folder('off', 'watch', false),
    folder('b1', 'batch'),
    folder('b2', 'batch'),
  ];
  const jobs = new Map([
    ['b1', { active: true }],
    ['b2', { active: false }],
  ]);
  const state = (watchingPaused: boolean, paused: ReadonlyMap<string, string> = new Map()) => ({
    pausedReason: (id: string) => paused.get(id) ?? null,
    job: (id: string) => jobs.get(id),
    watchingPaused,
  });
  assert.deepEqual(activeFolderIds(folders, state(false)), ['w1', 'b1']);
  // The tray's pause stops watches only; a folder paused on its own stops whatever it is.
  assert.deepEqual(activeFolderIds(folders, state(true)), ['b1']);
  assert.deepEqual(activeFolderIds(folders, state(false, new Map([['b1', 'output unwritable']]))), ['w1']);
  // A job over a watched folder decides for it: a paused batch holds the folder's watch too.
  jobs.set('w1', { active: false });
  assert.deepEqual(activeFolderIds(folders, state(false)), ['b1']);
});
