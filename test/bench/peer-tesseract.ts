/** tesseract.js 7 (LSTM) with the local @tesseract.js-data/eng traineddata and its local worker and core: no network. */
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScheduler, createWorker, type Scheduler, type Worker } from 'tesseract.js';
import { rectQuad, toolVersion, type AdapterOptions, type OcrAdapter } from './adapter';

const requireHere = createRequire(import.meta.url);

/** The folder of eng.traineddata.gz that tesseract.js itself would fetch for the LSTM engine (4.0.0_best_int). */
export function tesseractLangPath(): string {
  return path.join(
    path.dirname(requireHere.resolve('@tesseract.js-data/eng/package.json')),
    '4.0.0_best_int',
  );
}

/** tesseract.js as a benchmark adapter (English); `concurrency` > 1 runs a scheduler over that many workers. */
export function tesseractAdapter(opts: AdapterOptions = {}): OcrAdapter {
  const workers: Worker[] = [];
  let scheduler: Scheduler | undefined;
  // cacheMethod 'none' reads and writes no cache; cachePath points at a private temp folder all the same.
  const cachePath = mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-tess-'));
  return {
    name: 'tesseract.js (eng)',
    version: toolVersion('tesseract'),
    async start() {
      const n = Math.max(1, opts.concurrency ?? 1);
      for (let i = 0; i < n; i++)
        workers.push(
          await createWorker('eng', 1, {
            langPath: tesseractLangPath(),
            gzip: true,
            cachePath,
            cacheMethod: 'none',
          }),
        );
      if (n > 1) {
        scheduler = createScheduler();
        for (const w of workers) scheduler.addWorker(w);
      }
    },
    async recognize(bytes) {
      const w = workers[0];
      if (!w) throw new Error('tesseract.js adapter not started');
      const img = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const out = { text: true, blocks: true } as const;
      const r = scheduler
        ? await scheduler.addJob('recognize', img, {}, out)
        : await w.recognize(img, {}, out);
      const lines = (r.data.blocks ?? []).flatMap((b) =>
        b.paragraphs.flatMap((p) =>
          p.lines.map((l) => ({
            text: l.text.trim(),
            box: rectQuad(l.bbox.x0, l.bbox.y0, l.bbox.x1, l.bbox.y1),
          })),
        ),
      );
      return { lines: lines.filter((l) => l.text.length > 0), text: r.data.text };
    },
    async stop() {
      if (scheduler) await scheduler.terminate();
      else await Promise.all(workers.map((w) => w.terminate()));
      workers.length = 0;
      rmSync(cachePath, { recursive: true, force: true });
    },
  };
}
