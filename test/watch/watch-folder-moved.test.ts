/**
 * The watched folder moved away while one of its files is read: the file's outputs must not re-create the folder at
 * its old path (a folder holding only an output, watched in place of the real one, the file taken as done). The
 * output waits, with its result kept, and is written once the folder is back. Real models; waits on outcomes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { gated, harness, PLATE, PLATE_TEXT, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

test('a watched folder moved away while its file is read is not made again by the output', async () => {
  const { dir, cleanup } = tempDir();
  const inDir = path.join(dir, 'in');
  const away = path.join(dir, 'away');
  const g = gated(service());
  const h = harness(g.service, ':memory:');
  try {
    mkdirSync(inDir);
    writeFileSync(path.join(inDir, 'plate.jpg'), PLATE);
    await h.manager.start();
    await h.manager.add(inDir);
    await waitFor(() => g.reads() > 0 || undefined, 'the file is being read');
    renameSync(inDir, away);
    await waitFor(() => h.manager.list()[0]!.pausedReason, 'the folder noted missing');
    g.release();
    const first = await waitFor(() => h.outcomes[0], 'the outcome of the read');
    assert.equal(first.state, 'queued', 'its output waits for the folder');
    assert.equal(existsSync(inDir), false, 'the watched folder is not made again at its old path');
    assert.equal(existsSync(path.join(away, 'plate.jpg.txt')), false);
    renameSync(away, inDir);
    await h.waitDone(path.join(inDir, 'plate.jpg'));
    assert.equal(readFileSync(path.join(inDir, 'plate.jpg.txt'), 'utf8'), `${PLATE_TEXT}\n`);
    assert.equal(g.reads(), 1, 'the kept result is written, not read again');
  } finally {
    g.release();
    await h.close();
    cleanup();
  }
});

test(
  'a batch whose folder is moved away while its file is read ends, the file failed',
  { timeout: 60_000 },
  async () => {
    const { dir, cleanup } = tempDir();
    const inDir = path.join(dir, 'in');
    const away = path.join(dir, 'away');
    const g = gated(service());
    const h = harness(g.service, ':memory:');
    try {
      mkdirSync(inDir);
      writeFileSync(path.join(inDir, 'plate.jpg'), PLATE);
      await h.manager.start();
      const job = await h.manager.batch(inDir);
      await waitFor(() => g.reads() > 0 || undefined, 'the file is being read');
      renameSync(inDir, away);
      g.release();
      // Nothing brings the folder back for a batch: waiting for it would never end the batch.
      const end = await job.ended;
      assert.deepEqual([end.done, end.failed, end.state], [0, 1, 'finished']);
      assert.equal(h.manager.failed()[0]?.code, 'FILE_NOT_FOUND');
      assert.equal(existsSync(inDir), false, 'the folder is not made again at its old path');
    } finally {
      g.release();
      await h.close();
      cleanup();
    }
  },
);
