/** Inputs whose names are not UTF-8 (an old Latin-1 archive on Linux): read by their bytes, as the shell gave them. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';

/**
 * Runs the CLI from a shell, whose `printf` makes an argument of bytes that are not UTF-8 (Node can pass only strings);
 * `$1`, `$2`, … are `args`.
 */
const cliFromShell = (line: string, args: readonly string[]) =>
  spawnSync('sh', ['-c', `exec "$0" dist/node/cli.mjs ${line}`, process.execPath, ...args], {
    encoding: 'utf8',
  });

test('an input named in Latin-1 bytes is read (not FILE_NOT_FOUND), and its searchable PDF written', (t) => {
  if (process.platform !== 'linux')
    return t.skip('names are bytes on Linux; macOS and Windows keep them Unicode');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-latin1-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // r\xe9sum.jpg: "résumé" as Latin-1 wrote it; a relative name, read from the folder the CLI runs in.
  mkdirSync(path.join(dir, 'in'));
  copyFileSync(fixture('plate_000.jpg'), Buffer.from(`${dir}/in/r\xe9sum.jpg`, 'latin1'));
  const out = path.join(dir, 'out');
  const r = cliFromShell(`--format text --searchable-pdf "$1" "$2/r$(printf '\\351')sum.jpg"`, [
    out,
    path.relative(process.cwd(), path.join(dir, 'in')),
  ]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /L3N67/);
  const pdfs = readdirSync(out);
  assert.equal(pdfs.length, 1, pdfs.join('\n'));
  assert.match(execFileSync('pdftotext', [path.join(out, pdfs[0]!), '-'], { encoding: 'utf8' }), /L3N67/);
});

test('a --searchable-pdf folder named in bytes that are not UTF-8 is refused, not made under another name', (t) => {
  if (process.platform !== 'linux')
    return t.skip('names are bytes on Linux; macOS and Windows keep them Unicode');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-latin1-dir-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const r = cliFromShell(`--searchable-pdf "$1/p$(printf '\\351')s" "$2"`, [dir, fixture('plate_000.jpg')]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--searchable-pdf .*: the folder's name is not UTF-8/);
  assert.deepEqual(readdirSync(dir), [], 'no folder is made');
  assert.equal(r.stdout, '');
});
