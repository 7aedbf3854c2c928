/**
 * `node --import tsx test/bench/rec-split.ts [reps]`: a lone page's recogniser batches run on one session with every
 * intra-op thread, against the same batches spread over two one-thread sessions on two threads (largest first, to the
 * less loaded side), alternated page by page over the bench's page sources (2 pages each): wall and process CPU time.
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { recFeeds, benchPages, type RecFeed } from './rec-int8-feeds';

const mk = (threads: number) =>
  OcrPipeline.create(modelsDir(), { provider: 'cpu', threads, recVariant: 'fp32' });
const run = async (p: OcrPipeline, f: RecFeed) => {
  const rec = p.sessions.rec;
  const t = new ort.Tensor('float32', f.data, f.dims as number[]);
  await rec.run({ [rec.inputNames[0]!]: t });
};
if (!isMainThread) {
  const p = await mk(1);
  parentPort!.on('message', (m: { feeds: RecFeed[] }) => {
    void (async () => {
      for (const f of m.feeds) await run(p, f);
      parentPort!.postMessage('done');
    })();
  });
  parentPort!.postMessage('ready');
} else {
  const reps = Number(process.argv[2] ?? 4);
  const pages = benchPages(2);
  const perPage: RecFeed[][] = [];
  for (const img of pages) perPage.push(await recFeeds([img]));
  const p2 = await mk(0);
  const p1 = await mk(1);
  // A worker thread has no tsx loader of its own: a boot module registers it, then loads this file.
  const boot = path.join(tmpdir(), `rec-split-boot-${process.pid}.mjs`);
  const api = import.meta.resolve('tsx/esm/api');
  writeFileSync(
    boot,
    `import { register } from '${api}';\nregister();\nawait import('${import.meta.url}');\n`,
  );
  const w = new Worker(boot);
  await new Promise((r) => w.once('message', r));
  unlinkSync(boot);
  const cols = (f: RecFeed) => f.dims[0]! * f.dims[3]!;
  let [tA, tB, cA, cB] = [0, 0, 0, 0];
  for (let rep = 0; rep < reps; rep++)
    for (const feeds of perPage) {
      for (const mode of rep % 2 ? ['B', 'A'] : ['A', 'B']) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        if (mode === 'A') for (const f of feeds) await run(p2, f);
        else {
          const sorted = [...feeds].sort((a, b) => cols(b) - cols(a));
          const mine: RecFeed[] = [];
          const theirs: RecFeed[] = [];
          let [lm, lt] = [0, 0];
          for (const f of sorted)
            if (lm <= lt) {
              mine.push(f);
              lm += cols(f);
            } else {
              theirs.push(f);
              lt += cols(f);
            }
          const done = new Promise((r) => w.once('message', r));
          w.postMessage({ feeds: theirs });
          for (const f of mine) await run(p1, f);
          await done;
        }
        const dt = performance.now() - t0;
        const c = process.cpuUsage(c0);
        if (mode === 'A') {
          tA += dt;
          cA += (c.user + c.system) / 1000;
        } else {
          tB += dt;
          cB += (c.user + c.system) / 1000;
        }
      }
    }
  const n = perPage.length * reps;
  console.log(`one 2-thread session: wall ${(tA / n).toFixed(1)} ms/page, cpu ${(cA / n).toFixed(1)}`);
  console.log(
    `two 1-thread sessions in parallel: wall ${(tB / n).toFixed(1)} ms/page, cpu ${(cB / n).toFixed(1)}`,
  );
  console.log(`ratio wall ${(tB / tA).toFixed(3)} cpu ${(cB / cA).toFixed(3)}`);
  await w.terminate();
}
