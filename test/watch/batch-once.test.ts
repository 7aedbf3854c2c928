/**
 * "Batch once" on a real temporary folder with the real models: progress (done/total, rate, ETA), pause, resume,
 * cancel, and a second batch over the same folder that finishes the rest without redoing anything.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WatchEvent } from '../../app/contracts/lantern-api';
import type { WatchService } from '../../app/http/backend';
import {
  harness,
  listFiles,
  PLATE_TEXT,
  plateVariant,
  spyService,
  tempDir,
  useInProcessService,
  waitFor,
} from './helpers';

const service = useInProcessService();

type Progress = Extract<WatchEvent, { type: 'batch' }>;

describe('batch once', () => {
  it('reports progress, pauses, resumes and cancels; the next batch finishes the rest without redoing', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    const outDir = path.join(root, 'out');
    mkdirSync(path.join(inDir, 'sub'), { recursive: true });
    for (let i = 0; i < 30; i++)
      writeFileSync(path.join(inDir, `b-${String(i).padStart(2, '0')}.jpg`), plateVariant(`b${i}`));
    writeFileSync(path.join(inDir, 'sub', 'not-recursive.jpg'), plateVariant('sub'));
    const spy = spyService(service());
    const h = harness(spy, ':memory:', { concurrency: 1 });
    const progress = () => h.events.filter((e): e is Progress => e.type === 'batch');
    try {
      await h.manager.start();
      const asWatchService: WatchService = h.manager; // what the HTTP layer and the bridge consume
      assert.deepEqual(await asWatchService.list(), []);
      const job = await h.manager.batch(inDir, { outDir, formats: ['txt', 'md'] });
      assert.equal(job.progress().total, 30, 'sub-folders are not taken without `recursive`');
      await waitFor(() => job.progress().done >= 5, '5 done');

      job.pause();
      assert.equal(progress().at(-1)!.state, 'paused');
      await waitFor(() => h.manager.runner.busy === 0, 'the file in flight to finish');
      const pausedAt = job.progress().done;
      await sleep(700);
      assert.equal(job.progress().done, pausedAt, 'no progress while paused');
      assert.equal(job.progress().state, 'paused');

      job.resume();
      await waitFor(() => job.progress().done >= pausedAt + 5, 'progress after resume');
      const mid = job.progress();
      assert.ok(mid.rate > 0, `rate ${mid.rate}`);
      assert.ok(mid.etaS !== null && mid.etaS >= 0, `eta ${mid.etaS}`);
      assert.equal(mid.total, 30);

      job.cancel();
      const end = await job.ended;
      assert.equal(end.state, 'cancelled');
      await waitFor(() => h.manager.runner.busy === 0, 'the file in flight to finish');
      const doneAtCancel = h.ledger.counts(job.folderId).done;
      assert.ok(doneAtCancel < 30, 'cancelled before the end');
      await sleep(500);
      assert.equal(h.ledger.counts(job.folderId).done, doneAtCancel, 'nothing runs after cancel');
      assert.equal(
        h.ledger.counts(job.folderId).queued,
        30 - doneAtCancel,
        'the rest stays queued in the ledger',
      );

      const again = await h.manager.batch(inDir, { outDir, formats: ['txt', 'md'] });
      assert.notEqual(again.id, job.id);
      const last = await again.ended;
      assert.deepEqual(
        [last.state, last.done, last.failed, last.total, last.etaS],
        ['finished', 30, 0, 30, 0],
      );
      assert.equal(spy.submits.length, 30, 'each image recognised once over both batches');
      assert.ok(spy.submits.every((s) => s?.priority === 'batch'));
      const outs = listFiles(outDir);
      assert.equal(outs.length, 60);
      assert.equal(readFileSync(path.join(outDir, 'b-07.jpg.txt'), 'utf8'), `${PLATE_TEXT}\n`);
      assert.equal(readFileSync(path.join(outDir, 'b-07.jpg.md'), 'utf8'), `# b-07.jpg\n\n${PLATE_TEXT}\n`);

      // A third batch over the finished folder has nothing to do.
      const third = await h.manager.batch(inDir, { outDir, formats: ['txt', 'md'] });
      assert.deepEqual([(await third.ended).state, spy.submits.length], ['finished', 30]);
      assert.deepEqual(h.manager.list(), [], 'batch folders are not watched folders');
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('rejects a folder that does not exist', async () => {
    const h = harness(service(), ':memory:');
    try {
      await assert.rejects(h.manager.batch('/nonexistent/lantern-folder'), { code: 'FILE_NOT_FOUND' });
    } finally {
      await h.close();
    }
  });
});
