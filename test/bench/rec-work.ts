/**
 * `node --import tsx test/bench/rec-work.ts [reps] [sources]`: where a warm page's recogniser work goes. Every
 * recogniser run of in-process pages is recorded with the pipeline step that asked for it (first read, turned crops,
 * margin re-read, final-mark re-read, whole-line read, page read again turned upright), its padded and real columns
 * (real: each sequence up to its last non-padding column) and the process CPU time it took.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';

const reps = Number(process.argv[2] ?? 1);
const sources = (process.argv[3] ?? 'sroie,icdar2015,tesseract_testing,rects,screens_zh').split(',');
const evalDir = '/work/shared/eval';
const files = sources.flatMap((s) =>
  readdirSync(path.join(evalDir, s, 'images'))
    .sort()
    .map((f) => path.join(evalDir, s, 'images', f)),
);

/** The line of upright-read.ts whose read is the first one (its later read is of turned crops). */
const firstReadLine =
  readFileSync(new URL('../../app/ocr/upright-read.ts', import.meta.url), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes('steps.read(')) + 1;

/** The pipeline step a recogniser run serves, told by the async stack that reached it. */
function stepOf(stack: string): string {
  const page = stack.includes('readTurned') ? 'turned page: ' : '';
  if (stack.includes('rereadUnsure')) return `${page}margin re-read`;
  if (stack.includes('rereadLineEnds')) return `${page}final-mark re-read`;
  const upright = /readUpright \([^)]*upright-read\.ts:(\d+)/u.exec(stack);
  if (upright) return `${page}${Number(upright[1]) === firstReadLine ? 'first read' : 'turned crops'}`;
  return `${page}whole-line read`;
}

interface Run {
  step: string;
  count: number;
  padW: number;
  real: number;
  atMin: number;
  cpuMs: number;
}

/** Columns of each sequence up to its last column that is not the zero padding. */
function realColumns(t: ort.Tensor): number[] {
  const [n, c, h, w] = t.dims as [number, number, number, number];
  const d = t.data as Float32Array;
  return Array.from({ length: n }, (_, b) => {
    for (let x = w - 1; x >= 0; x--)
      for (let ch = 0; ch < c; ch++)
        for (let y = 0; y < h; y++) if (d[((b * c + ch) * h + y) * w + x] !== 0) return x + 1;
    return 0;
  });
}

const pipe = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0, cacheDir: null });
const rec = pipe.sessions.rec;
const minWidth = pipe.pack.pack.rec.minWidth;
const run0 = rec.run.bind(rec);
let runs: Run[] = [];
(rec as { run: unknown }).run = async (feeds: Record<string, ort.Tensor>, fetches?: string[]) => {
  const step = stepOf(new Error().stack ?? '');
  const input = Object.values(feeds)[0]!;
  const reals = realColumns(input);
  const [count, , , padW] = input.dims as [number, number, number, number];
  const c0 = process.cpuUsage();
  const out = await (fetches ? run0(feeds, fetches) : run0(feeds));
  const c = process.cpuUsage(c0);
  runs.push({
    step,
    count,
    padW,
    real: reals.reduce((a, b) => a + b, 0),
    atMin: reals.reduce((a, r) => a + Math.max(minWidth, r), 0),
    cpuMs: (c.user + c.system) / 1000,
  });
  return out;
};

const pages = files.map((f) => new Uint8Array(readFileSync(f)));
await pipe.recognize(pages[0]!);
runs = [];
let pageCpu = 0;
for (let r = 0; r < reps; r++)
  for (const page of pages) {
    const c0 = process.cpuUsage();
    await pipe.recognize(page);
    const c = process.cpuUsage(c0);
    pageCpu += (c.user + c.system) / 1000;
  }
const n = reps * pages.length;
const by = new Map<string, Run[]>();
for (const x of runs) by.set(x.step, [...(by.get(x.step) ?? []), x]);
const sum = (xs: Run[], f: (x: Run) => number) => xs.reduce((a, x) => a + f(x), 0);
const total = { cpu: sum(runs, (x) => x.cpuMs), cols: sum(runs, (x) => x.count * x.padW) };
console.log(
  `${pages.length} pages × ${reps}; page CPU ${(pageCpu / n).toFixed(0)} ms, rec runs CPU ${(total.cpu / n).toFixed(0)} ms`,
);
console.log(
  '| step | runs/page | sequences/page | padded columns/page | share of columns | rec CPU ms/page | share of rec CPU | padded ÷ real | to batch width ÷ real |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [step, xs] of [...by.entries(), ['all', runs] as const]) {
  const cols = sum(xs, (x) => x.count * x.padW);
  const real = sum(xs, (x) => x.real);
  const atMin = sum(xs, (x) => x.atMin);
  const cpu = sum(xs, (x) => x.cpuMs);
  console.log(
    `| ${step} | ${(xs.length / n).toFixed(2)} | ${(sum(xs, (x) => x.count) / n).toFixed(1)} | ${(cols / n).toFixed(0)} | ${((100 * cols) / total.cols).toFixed(1)} % | ${(cpu / n).toFixed(0)} | ${((100 * cpu) / total.cpu).toFixed(1)} % | ${(cols / real).toFixed(2)} | ${((cols - atMin) / real).toFixed(2)} |`,
  );
}
await pipe.release();
