/**
 * `node --import tsx test/bench/rec-column-cost.ts [reps]`: the recogniser's cost per input column against batch size
 * and width on this CPU (process CPU time and wall time per column, shapes alternated, the first round dropped), to
 * tell whether regrouping a page's sequences into other batches could save time at the same columns.
 */
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';

const reps = Number(process.argv[2] ?? 8);
const pipe = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0, cacheDir: null });
const rec = pipe.sessions.rec;
const { height, batchColumns } = pipe.pack.pack.rec;
const shapes = [320, 640, 1200].flatMap((w) =>
  [1, 2, 3, 6].filter((n) => n === 1 || n * w <= batchColumns).map((n) => [n, w] as const),
);
const seen = new Map<string, { cpu: number[]; wall: number[] }>();
for (let r = 0; r < reps; r++)
  for (const [n, w] of r % 2 === 1 ? [...shapes].reverse() : shapes) {
    const data = new Float32Array(n * 3 * height * w).map((_, i) => Math.sin(i * 0.37) * 0.8);
    const input = new ort.Tensor('float32', data, [n, 3, height, w]);
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await rec.run({ [rec.inputNames[0]!]: input });
    const wall = performance.now() - w0;
    const c = process.cpuUsage(c0);
    if (r === 0) continue;
    const e = seen.get(`${n}×${w}`) ?? { cpu: [], wall: [] };
    e.cpu.push((c.user + c.system) / (n * w));
    e.wall.push((wall * 1000) / (n * w));
    seen.set(`${n}×${w}`, e);
  }
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
console.log('| batch | µs CPU per column (median, min) | µs wall per column (median) |');
console.log('| --- | --- | --- |');
for (const [k, e] of seen)
  console.log(
    `| ${k} | ${median(e.cpu).toFixed(1)}, ${Math.min(...e.cpu).toFixed(1)} | ${median(e.wall).toFixed(1)} |`,
  );
await pipe.release();
