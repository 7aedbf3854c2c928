import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';
import { EXPECTED_PROVIDER } from '../helpers/expected-provider';

const cli = (args: string[]) =>
  spawnSync(process.execPath, ['dist/node/cli.mjs', ...args], { encoding: 'utf8' });

test('--format json prints one JSON line per input; a bad input fails alone with exit code 1', () => {
  const r = cli([
    '--format',
    'json',
    fixture('plate_000.jpg'),
    fixture('SOURCES.md'),
    fixture('zhscreen_04_chat_ftp.png'),
  ]);
  assert.equal(r.status, 1, r.stderr);
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(rows.length, 3);
  assert.equal(rows[0].file, fixture('plate_000.jpg'));
  assert.ok(Array.isArray(rows[0].lines) && rows[0].lines[0].box.length === 4);
  assert.equal(rows[0].provider, EXPECTED_PROVIDER);
  for (const k of ['decode', 'det', 'cls', 'rec', 'total']) assert.equal(typeof rows[0].ms[k], 'number');
  assert.equal(rows[1].error.code, 'BAD_IMAGE');
  assert.ok(rows[2].text.includes('ftp'));
});

test('--format text prints the text; a missing file is FILE_NOT_FOUND', () => {
  const ok = cli(['--format', 'text', fixture('plate_000.jpg')]);
  assert.equal(ok.status, 0);
  assert.match(ok.stdout, /L3N67/);
  const missing = cli(['--format', 'text', '/no/such/image.png']);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /FILE_NOT_FOUND/);
});

test('--status reports the provider and load timings', () => {
  const r = cli(['--status']);
  assert.equal(r.status, 0);
  const s = JSON.parse(r.stdout);
  assert.equal(s.state, 'ready');
  assert.equal(s.provider, EXPECTED_PROVIDER);
  assert.ok(s.loadMs.det > 0 && s.loadMs.rec > 0);
});

test('bad arguments exit 2 with usage', () => {
  const r = cli(['--format', 'xml', 'a.png']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: lantern/);
});
