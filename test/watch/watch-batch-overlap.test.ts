/**
 * A watch over files a batch not yet ended reads (inside the batch's folder, or a parent that would read it) is
 * refused with FOLDER_OVERLAP naming that batch: each file queued by both would be recognised twice. Once the batch
 * ends the same watch is accepted. The engine is held (gated) so the batch is still running when the watch is added.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import { gated, harness, PLATE, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

const batchOverlap = (dir: string) => (e: unknown) =>
  e instanceof LanternError &&
  e.code === 'FOLDER_OVERLAP' &&
  e.message.includes(`the batch of ${dir} is reading`);

test('a watch over the files of a running batch is refused until the batch ends', async () => {
  const { dir: root, cleanup } = tempDir('lantern-batch-overlap-');
  const g = gated(service());
  const h = harness(g.service, ':memory:');
  try {
    const scans = path.join(root, 'scans');
    const inbox = path.join(scans, 'inbox');
    mkdirSync(inbox, { recursive: true });
    writeFileSync(path.join(inbox, 'plate.jpg'), PLATE);
    writeFileSync(path.join(scans, 'plate.jpg'), PLATE);
    const job = await h.manager.batch(scans, { recursive: true });
    await waitFor(() => g.reads() > 0 || undefined, 'the batch is reading');

    await assert.rejects(h.manager.add(inbox), batchOverlap(scans), 'a folder inside the batch');
    await assert.rejects(
      h.manager.add(root, { recursive: true }),
      batchOverlap(scans),
      'a recursive parent of the batch',
    );
    // A folder beside the batch's, and a parent that reads only its own files, are not read by both.
    mkdirSync(path.join(root, 'other'));
    await h.manager.add(path.join(root, 'other'));
    await h.manager.add(root);
    assert.deepEqual(
      h.manager
        .list()
        .map((f) => f.dir)
        .sort(),
      [path.join(root, 'other'), root].sort(),
    );

    g.release();
    assert.equal((await job.ended).state, 'finished');
    const watched = await h.manager.add(inbox);
    assert.equal(watched.dir, inbox, 'accepted once the batch ended');
  } finally {
    g.release();
    await h.close();
    cleanup();
  }
});
