/**
 * `node --import tsx test/bench/rec-int8-sweep.ts`: how far each int8 configuration (nodes kept in float32, calibration
 * statistic) moves the recogniser's reading from fp32, over held-out line crops: the share of CTC steps whose argmax
 * changes and the number of sequences whose greedy decoding changes. For choosing REC_INT8_QDQ; not run by tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { decodeGraph } from '../../app/ocr/graph/onnx-graph';
import {
  quantisableNodes,
  quantisedTensors,
  quantiseQdq,
  type QdqOptions,
  type TensorRange,
} from '../../app/ocr/graph/qdq';
import { rewriteModel } from '../../app/ocr/graph/rewrite';
import { int8Source } from '../../app/ocr/rec-int8';
import { sessionOptions } from '../../app/ocr/sessions';
import { recFeeds, type RecFeed } from './rec-int8-feeds';

const fixtures = path.resolve('test/fixtures');
const calImages = readdirSync(fixtures)
  .filter((f) => /\.(png|jpe?g)$/i.test(f))
  .map((f) => path.join(fixtures, f));
const evalDir = '/work/shared/eval';
const pick = (src: string, n: number) =>
  readdirSync(path.join(evalDir, src, 'images'))
    .sort()
    .filter((_, i) => i % 5 === 0)
    .slice(0, n)
    .map((f) => path.join(evalDir, src, 'images', f));
const valImages = [
  ...pick('ic15_word_crops', 30),
  ...pick('lpr_plate_crops', 15),
  ...pick('icdar2015', 1),
  ...pick('sroie', 1),
];

const manifest = JSON.parse(readFileSync(path.join(modelsDir(), 'manifest.json'), 'utf8')) as {
  packs: { files: { rec: { file: string } } }[];
};
const src = readFileSync(path.join(modelsDir(), manifest.packs[0]!.files.rec.file));
const fp32 = int8Source(rewriteModel('rec', new Uint8Array(src.buffer, src.byteOffset, src.length)));
const all = quantisedTensors(fp32, {});
const g = decodeGraph(fp32);
const probe = await ort.InferenceSession.create(
  g.encode(
    g.nodes,
    all.map((name) => ({ name, elemType: 1 })),
  ),
  { graphOptimizationLevel: 'disabled' },
);
const cal = await recFeeds(process.argv[3] === 'oracle' ? valImages : calImages);
const val = await recFeeds(valImages);
const tensor = (f: RecFeed) => new ort.Tensor('float32', f.data, f.dims);
// Two passes: min/max, then a 4096-bin histogram over that span for percentiles.
const mm = new Map(all.map((t) => [t, [Infinity, -Infinity]]));
const hist = new Map(all.map((t) => [t, new Float64Array(4096)]));
for (const pass of [0, 1])
  for (const f of cal) {
    const r = await probe.run({ [probe.inputNames[0]!]: tensor(f) }, all);
    for (const t of all) {
      const d = r[t]!.data as Float32Array;
      const m = mm.get(t)!;
      if (pass === 0)
        for (const v of d) {
          if (v < m[0]!) m[0] = v;
          if (v > m[1]!) m[1] = v;
        }
      else {
        const h = hist.get(t)!;
        const w = (m[1]! - m[0]!) / 4096 || 1;
        for (const v of d) {
          const k = Math.min(4095, Math.floor((v - m[0]!) / w));
          h[k] = h[k]! + 1;
        }
      }
    }
  }
/** Ranges clipping a share `p` of the values off each side (p = 0: min/max). */
function ranges(p: number): Map<string, TensorRange> {
  return new Map(
    all.map((t) => {
      const [lo, hi] = mm.get(t)! as [number, number];
      if (p === 0) return [t, { min: lo, max: hi }];
      const h = hist.get(t)!;
      const n = h.reduce((a, b) => a + b, 0);
      const w = (hi - lo) / 4096;
      let a = 0,
        i = 0;
      while (i < 4095 && a + h[i]! <= p * n) a += h[i++]!;
      let b = 0,
        j = 4095;
      while (j > 0 && b + h[j]! <= p * n) b += h[j--]!;
      return [t, { min: lo === 0 ? 0 : lo + i * w, max: lo + (j + 1) * w }];
    }),
  );
}
async function reads(
  bytes: Uint8Array,
  so: ort.InferenceSession.SessionOptions = sessionOptions('cpu', 0),
): Promise<{ idx: Int32Array[]; cpu: number }> {
  const s = await ort.InferenceSession.create(bytes, so);
  const idx: Int32Array[] = [];
  const c0 = process.cpuUsage();
  for (const f of val)
    idx.push(
      (await s.run({ [s.inputNames[0]!]: tensor(f) }, ['lantern/ctc_index']))['lantern/ctc_index']!
        .data as Int32Array,
    );
  const c = process.cpuUsage(c0);
  await s.release();
  return { idx, cpu: (c.user + c.system) / 1000 };
}
const greedy = (a: Int32Array, from: number, steps: number) => {
  const o: number[] = [];
  let prev = -1;
  for (let i = from; i < from + steps; i++) {
    const v = a[i]!;
    if (v !== prev && v !== 0) o.push(v);
    prev = v;
  }
  return o.join(',');
};
const base = await reads(fp32);
const seqs = val.reduce((a, f) => a + f.dims[0]!, 0);
console.log(
  `calibration: ${cal.length} batches from ${calImages.length} images; validation: ${val.length} batches, ${seqs} sequences from ${valImages.length} images; fp32 cpu ${base.cpu.toFixed(0)} ms`,
);
async function trial(name: string, p: number, opts: QdqOptions, level: 'all' | 'disabled' = 'all') {
  const q = quantiseQdq(fp32, ranges(p), opts);
  const r = await reads(q.bytes, { ...sessionOptions('cpu', 0), graphOptimizationLevel: level });
  let steps = 0,
    diff = 0,
    seqDiff = 0;
  val.forEach((f, k) => {
    const a = base.idx[k]!,
      b = r.idx[k]!;
    const n = a.length / f.dims[0]!;
    for (let i = 0; i < a.length; i++) {
      steps++;
      if (a[i] !== b[i]) diff++;
    }
    for (let s = 0; s < f.dims[0]!; s++) if (greedy(a, s * n, n) !== greedy(b, s * n, n)) seqDiff++;
  });
  console.log(
    `${name}\tq=${q.quantised}\tsteps ${((100 * diff) / steps).toFixed(2)} %\tsequences changed ${seqDiff}/${seqs}\tcpu ${(r.cpu / base.cpu).toFixed(2)}x`,
  );
}
const nodes = quantisableNodes(fp32, {});
const mat = nodes.filter((n) => n.op === 'MatMul').map((n) => n.out);
const convs = nodes.filter((n) => n.op === 'Conv').map((n) => n.out);
console.log(nodes.map((n) => `${n.op}:${n.out}`).join(' '));
const mode = process.argv[2] ?? 'groups';
if (mode === 'groups') {
  for (const p of [0, 1e-4, 1e-3]) {
    await trial(`all p=${p}`, p, {});
    await trial(`no-matmul p=${p}`, p, { keep: new Set(mat) });
  }
  await trial('no-matmul no-first-conv', 1e-4, { keep: new Set([...mat, convs[0]!]) });
  await trial('no-matmul no-last2-conv', 1e-4, { keep: new Set([...mat, ...convs.slice(-3)]) });
  await trial('no-dw', 1e-4, { keepDepthwise: true });
} else if (mode === 'mixed') {
  const ranked = [
    'p2o.Add.43',
    'conv2d_185.tmp_0',
    'p2o.Add.11',
    'p2o.Add.107',
    'p2o.Add.27',
    'p2o.Add.175',
    'p2o.MatMul.25',
    'p2o.Add.59',
    'p2o.Add.91',
    'p2o.Add.227',
    'p2o.Add.195',
    'p2o.Add.155',
    'p2o.Add.175',
  ];
  for (const k of [3, 6, 9, 12])
    await trial(`no-dw keep top ${k}`, 1e-4, { keepDepthwise: true, keep: new Set(ranked.slice(0, k)) });
} else if (mode === 'diag') {
  await trial('no-dw unfused', 1e-4, { keepDepthwise: true }, 'disabled');
  await trial('no-dw 7-bit', 1e-4, { keepDepthwise: true, weightMax: 63 });
  await trial('no-dw 7-bit unfused', 1e-4, { keepDepthwise: true, weightMax: 63 }, 'disabled');
} else if (mode === 'dw') {
  for (const p of [0, 1e-5, 1e-4]) await trial(`no-dw p=${p}`, p, { keepDepthwise: true });
  await trial('no-dw no-matmul', 0, { keepDepthwise: true, keep: new Set(mat) });
  await trial('no-dw no-first-conv', 0, { keepDepthwise: true, keep: new Set([convs[0]!]) });
  await trial('no-dw no-se', 0, {
    keepDepthwise: true,
    keep: new Set(convs.filter((c) => c.startsWith('conv2d_19') || c.startsWith('conv2d_20'))),
  });
} else {
  const p = Number(mode);
  const dw = new Set(quantisableNodes(fp32, { keepDepthwise: true }).map((n) => n.out));
  for (const n of nodes.filter((m) => dw.has(m.out)))
    await trial(`only ${n.op}:${n.out}`, p, {
      keep: new Set(nodes.filter((m) => m !== n).map((m) => m.out)),
    });
}
