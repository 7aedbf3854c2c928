/**
 * Path grants compare real paths (docs/security.md): a symbolic link inside a granted folder that points outside it
 * does not carry the grant out, one that stays inside does, and a path that does not exist yet (an output folder to be
 * made) is judged by its nearest existing parent. Real folders and real links.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { isWithin, PathGrants } from '../../main/path-grants';

const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'lantern-grants-')));
after(() => rmSync(root, { recursive: true, force: true }));
const at = (...p: string[]) => path.join(root, ...p);

const granted = at('Inbox');
const outside = at('home-ssh');
mkdirSync(at('Inbox', 'sub'), { recursive: true });
mkdirSync(outside);
mkdirSync(at('Real-scans'));
writeFileSync(at('home-ssh', 'id_ed25519'), 'secret');
writeFileSync(at('Inbox', 'sub', 'scan.pdf'), '%PDF-1.7');
symlinkSync(outside, at('Inbox', 'ssh')); // a folder link that leaves the grant
symlinkSync(at('home-ssh', 'id_ed25519'), at('Inbox', 'key.pdf')); // a file link that leaves it
symlinkSync('../home-ssh/not-yet', at('Inbox', 'dangling')); // a link whose target is still to be made
symlinkSync('sub', at('Inbox', 'inner')); // a link that stays inside
symlinkSync(at('Real-scans'), at('Scans-link')); // a granted path that is itself a link

const W = 3;
const grants = new PathGrants();
grants.grant(W, granted, 'drop');
grants.grant(W, at('Scans-link'), 'dialog');

test('a link inside a granted folder that points outside it is refused, folders and files alike', async () => {
  for (const p of [
    at('Inbox', 'ssh'),
    at('Inbox', 'ssh', 'id_ed25519'),
    at('Inbox', 'key.pdf'),
    at('Inbox', 'sub', '..', 'ssh', 'id_ed25519'),
  ])
    assert.equal(await grants.allows(W, p), false, p);
});

test('paths that do not exist yet are judged by their nearest existing parent, through dangling links too', async () => {
  assert.equal(await grants.allows(W, at('Inbox', 'ssh', 'new', 'ocr')), false, 'under a link out');
  assert.equal(await grants.allows(W, at('Inbox', 'dangling')), false, 'a dangling link out');
  assert.equal(await grants.allows(W, at('Inbox', 'dangling', 'ocr')), false, 'under a dangling link out');
  assert.equal(await grants.allows(W, at('Inbox', 'ocr', 'text')), true, 'a new folder inside');
});

test('links that stay inside, and a granted link, keep the grant; other windows and siblings get nothing', async () => {
  assert.equal(await grants.allows(W, at('Inbox', 'inner', 'scan.pdf')), true);
  assert.equal(await grants.allows(W, at('Inbox', 'sub', 'scan.pdf')), true);
  assert.equal(await grants.allows(W, at('Scans-link', 'page.png')), true, 'through the link given');
  assert.equal(await grants.allows(W, at('Real-scans', 'page.png')), true, 'the folder the link names');
  assert.equal(await grants.allows(W + 1, at('Inbox', 'sub', 'scan.pdf')), false, 'another window');
  assert.equal(await grants.allows(W, at('Inbox-old')), false, 'a sibling with the same prefix');
  assert.equal(await grants.allows(W, root), false, 'the parent');
});

test('Windows path forms compare as the same folder: drive letter case, slashes, \\\\?\\ and \\\\?\\UNC\\ prefixes', () => {
  const w = path.win32;
  const inside = [
    ['c:\\Users\\u\\Scans\\a.pdf', 'C:\\Users\\u\\Scans'],
    ['C:/Users/u/Scans/sub/a.pdf', 'C:\\Users\\u\\Scans'],
    ['\\\\?\\C:\\Users\\u\\Scans\\a.pdf', 'C:\\Users\\u\\Scans'],
    ['C:\\Users\\u\\Scans\\a.pdf', '\\\\?\\c:\\users\\U\\scans'],
    ['\\\\?\\UNC\\srv\\share\\Scans\\a.pdf', '\\\\srv\\share\\Scans'],
    ['\\\\srv\\share\\Scans\\a.pdf', '//?/UNC/srv/share/Scans'],
    ['C:\\Users\\u\\Scans', 'c:\\users\\u\\scans\\'],
  ];
  for (const [target, granted] of inside)
    assert.equal(isWithin(target!, granted!, w), true, `${target} in ${granted}`);
  const outside = [
    ['D:\\Users\\u\\Scans\\a.pdf', 'C:\\Users\\u\\Scans'],
    ['C:\\Users\\u\\Scans-old\\a.pdf', 'C:\\Users\\u\\Scans'],
    ['\\\\?\\C:\\Users\\u\\Scans\\..\\.ssh', 'C:\\Users\\u\\Scans'],
    ['\\\\?\\UNC\\srv\\other\\a.pdf', '\\\\srv\\share'],
    ['C:\\Users\\u', 'C:\\Users\\u\\Scans'],
  ];
  for (const [target, granted] of outside)
    assert.equal(isWithin(target!, granted!, w), false, `${target} in ${granted}`);
});
