/**
 * `node --import tsx test/bench/rec-int8-pages.ts [reps] [int8|int8-cascade]`: whole pages in-process, an fp32 pipeline
 * against an int8 one (int8 by default), alternated page by page over the bench's page sources (2 pages each): process
 * CPU time and wall time per page, and the share of recogniser sequences the cascade's fp32 fallback read again.
 */
import { readFileSync } from 'node:fs';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { benchPages } from './rec-int8-feeds';

const reps = Number(process.argv[2] ?? 2);
const variant = process.argv[3] === 'int8-cascade' ? 'int8-cascade' : 'int8';
const pages = benchPages(2).map((f) => new Uint8Array(readFileSync(f)));
const make = (recVariant: 'fp32' | 'int8' | 'int8-cascade') =>
  OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0, recVariant, cacheDir: null });
const pipes = { fp32: await make('fp32'), int8: await make(variant) };
for (const p of Object.values(pipes)) await p.recognize(pages[0]!);
const t = { fp32: { cpu: 0, wall: 0 }, int8: { cpu: 0, wall: 0 } };
let [same, sequences, fallbacks] = [0, 0, 0];
for (let r = 0; r < reps; r++)
  for (const page of pages) {
    const texts: Record<string, string> = {};
    for (const v of r % 2 === 0 ? (['fp32', 'int8'] as const) : (['int8', 'fp32'] as const)) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      texts[v] = (await pipes[v].recognize(page)).text;
      t[v].wall += performance.now() - w0;
      const c = process.cpuUsage(c0);
      t[v].cpu += (c.user + c.system) / 1000;
    }
    if (r === 0) {
      if (texts.fp32 === texts.int8) same++;
      sequences += pipes.int8.lastRun.recSequences;
      fallbacks += pipes.int8.lastRun.recFallbacks;
    }
  }
const n = reps * pages.length;
for (const v of ['fp32', 'int8'] as const)
  console.log(
    `${v === 'int8' ? variant : v}: cpu ${(t[v].cpu / n).toFixed(0)} ms/page, wall ${(t[v].wall / n).toFixed(0)} ms/page`,
  );
console.log(
  `${variant}/fp32: cpu ${(t.int8.cpu / t.fp32.cpu).toFixed(3)}, wall ${(t.int8.wall / t.fp32.wall).toFixed(3)}; same text on ${same}/${pages.length} pages; fp32 fallback on ${fallbacks}/${sequences} sequences`,
);
