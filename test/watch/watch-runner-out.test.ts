/** The watch runner with an output folder that does not exist yet: it is made (with the ledger in it), not a crash. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { plateVariant, startRunner, tempDir } from './helpers';

test('--once with a missing --out makes it and reads the folder', { timeout: 120_000 }, async () => {
  const { dir: root, cleanup } = tempDir();
  const inDir = path.join(root, 'in');
  const out = path.join(root, 'new', 'out');
  mkdirSync(inDir);
  writeFileSync(path.join(inDir, 'a.jpg'), plateVariant('a'));
  const run = startRunner(['--watch', inDir, '--out', out, '--once']);
  try {
    assert.equal(await run.exited, 0, run.stderr());
    assert.match(run.lines.find((l) => l.startsWith('finished\t')) ?? '', /\tdone=1\tfailed=0\ttotal=1\t/);
    assert.ok(existsSync(path.join(out, 'a.jpg.txt')));
  } finally {
    cleanup();
  }
});
