/** `--searchable-pdf DIR` writes: a refused write is coded WRITE_FAILED, and a killed run's part files are cleared. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['dist/node/cli.mjs', '--format', 'text', ...args], { encoding: 'utf8' });

test('a PDF the system refuses to write is WRITE_FAILED naming the file and why, and the other inputs are written', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-write-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A folder where the first input's PDF would go: the rename into place fails as a full or read-only disk would.
  mkdirSync(path.join(dir, 'plate_000.pdf'));
  const r = cli('--searchable-pdf', dir, fixture('plate_000.jpg'), fixture('ic15_word_1.png'));
  assert.equal(r.status, 1, r.stderr);
  assert.match(
    r.stderr,
    /plate_000\.jpg: searchable PDF not written: WRITE_FAILED: .*plate_000\.pdf cannot be written: a folder has that name \(EISDIR\)/,
  );
  assert.doesNotMatch(r.stderr, /INTERNAL/);
  assert.ok(existsSync(path.join(dir, 'ic15_word_1.pdf')), 'the other input is written');
  assert.deepEqual(
    readdirSync(dir).filter((n) => n.endsWith('.part')),
    [],
    'no part file is left',
  );
});

test("part files of a killed run are removed by the next run into that folder, a live writer's are kept", (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-parts-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // A pid that has exited (this child's), and one that is running (this test's).
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  assert.ok(gone);
  const stale = [`old.pdf.${gone}.part`, `${'x'.repeat(20)}~0123abcd.${gone}.part`];
  const live = `other.pdf.${process.pid}.part`;
  for (const name of [...stale, live, 'notes.part']) writeFileSync(path.join(dir, name), 'half a PDF');
  const r = cli('--searchable-pdf', dir, fixture('ic15_word_1.png'));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(dir).sort(), ['ic15_word_1.pdf', 'notes.part', live].sort());
});
