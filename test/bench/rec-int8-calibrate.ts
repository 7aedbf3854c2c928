/**
 * `node --import tsx test/bench/rec-int8-calibrate.ts [images…]`: records the activation ranges of the recogniser's quantised
 * tensors over real line crops, then the mean shift quantisation adds to each quantised node's output per channel
 * (empirical bias correction, measured again with the earlier corrections applied), and writes
 * models/rec-int8-calibration.json (graph/qdq.ts reads it through app/ocr/rec-int8.ts). Default images: test/fixtures
 * (not the eval split, which validates the result).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { decodeGraph, type OnnxNode } from '../../app/ocr/graph/onnx-graph';
import { quantisableNodes, quantisedTensors } from '../../app/ocr/graph/qdq';
import { GRAPH_REWRITE_ID, rewriteModel } from '../../app/ocr/graph/rewrite';
import { REC_INT8_QDQ, calibrationFile, int8Rec, int8Source, type Calibration } from '../../app/ocr/rec-int8';
import { sha256 } from '../../app/models/load';
import { recFeeds } from './rec-int8-feeds';

const ROUNDS = Number(process.env.BIAS_ROUNDS ?? 3);
const args = process.argv.slice(2);
const fixtures = path.resolve('test/fixtures');
const images =
  args.length > 0
    ? args
    : readdirSync(fixtures)
        .filter((f) => /\.(png|jpe?g)$/i.test(f))
        .map((f) => path.join(fixtures, f));

const manifest = JSON.parse(readFileSync(path.join(modelsDir(), 'manifest.json'), 'utf8')) as {
  packs: { files: { rec: { file: string; sha256: string } } }[];
};
const recFile = manifest.packs[0]!.files.rec;
const src = readFileSync(path.join(modelsDir(), recFile.file));
if (sha256(src) !== recFile.sha256) throw new Error('rec model does not match the manifest');
const rewritten = rewriteModel('rec', new Uint8Array(src.buffer, src.byteOffset, src.length));
const model = int8Source(rewritten);
const tensors = quantisedTensors(model, REC_INT8_QDQ);
/** Quantised node outputs and their channel axis (Conv: NCHW's 1; MatMul: the last). */
const outs = quantisableNodes(model, REC_INT8_QDQ).map((n) => ({ name: n.out, conv: n.op === 'Conv' }));
const feeds = await recFeeds(images);

/** A session over `bytes` (unoptimised, so every named tensor is there) with `names` as extra outputs. */
async function probe(bytes: Uint8Array, names: readonly string[], more: readonly OnnxNode[] = []) {
  const g = decodeGraph(bytes);
  const extra = names.map((name) => ({ name, elemType: 1 }));
  return ort.InferenceSession.create(g.encode([...g.nodes, ...more], extra), {
    graphOptimizationLevel: 'disabled',
  });
}
/** Per-channel sums of `a − b` (same shape), added into `acc`. */
function addChannelDiffs(a: ort.Tensor, b: ort.Tensor, conv: boolean, acc: { sum: Float64Array; n: number }) {
  const x = a.data as Float32Array;
  const y = b.data as Float32Array;
  const c = acc.sum.length;
  const inner = conv ? a.dims.slice(2).reduce((p, q) => p * q, 1) : 1;
  for (let i = 0; i < x.length; i++) {
    const ch = Math.floor(i / inner) % c;
    acc.sum[ch] = acc.sum[ch]! + x[i]! - y[i]!;
  }
  acc.n += x.length / c;
}
const fp = decodeGraph(model);
const fpNodes = new Map(fp.nodes.map((n) => [n.outputs[0]!, n]));
/**
 * Per quantised node output, per channel: the mean of what its quantised form adds to it, against the same node in
 * float32 reading the same (unquantised) input in the quantised graph: the error the node itself adds, upstream aside.
 */
async function localShift(bytes: Uint8Array): Promise<Map<string, Float64Array>> {
  const have = new Set(decodeGraph(bytes).nodes.flatMap((n) => n.outputs));
  const shadows = outs.map((o) => {
    const n = fpNodes.get(o.name)!;
    return { ...n, name: `${n.name}/fp`, outputs: [`${o.name}/fp`], raw: null };
  });
  const consts = [...new Set(shadows.flatMap((n) => n.inputs.slice(1)))]
    .filter((c) => !have.has(c))
    .map((c) => fp.nodes.find((n) => n.outputs[0] === c)!);
  const names = outs.flatMap((o) => [o.name, `${o.name}/fp`]);
  const s = await probe(bytes, names, [...consts, ...shadows]);
  const acc = new Map<string, { sum: Float64Array; n: number }>();
  for (const f of feeds) {
    const r = await s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', f.data, f.dims) }, names);
    for (const o of outs) {
      const t = r[o.name]!;
      const c = o.conv ? t.dims[1]! : t.dims[t.dims.length - 1]!;
      const a = acc.get(o.name) ?? { sum: new Float64Array(c), n: 0 };
      addChannelDiffs(t, r[`${o.name}/fp`]!, o.conv, a);
      acc.set(o.name, a);
    }
  }
  await s.release();
  return new Map([...acc].map(([k, a]) => [k, a.sum.map((v) => v / a.n)]));
}

const session = await probe(model, tensors);
const ranges = new Map<string, [number, number]>(tensors.map((t) => [t, [Infinity, -Infinity]]));
for (const f of feeds) {
  const res = await session.run(
    { [session.inputNames[0]!]: new ort.Tensor('float32', f.data, f.dims) },
    tensors,
  );
  for (const t of tensors) {
    const d = res[t]!.data as Float32Array;
    const r = ranges.get(t)!;
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      if (v < r[0]) r[0] = v;
      if (v > r[1]) r[1] = v;
    }
  }
}
await session.release();
const out: Calibration = {
  model: recFile.sha256,
  rewrite: GRAPH_REWRITE_ID,
  method: ROUNDS > 0 ? `minmax, bias correction ×${ROUNDS}` : 'minmax',
  images: images.map((i) => path.basename(i)),
  batches: feeds.length,
  accepted: false,
  ranges: Object.fromEntries(
    [...ranges].map(([k, [lo, hi]]) => [k, [+lo.toPrecision(6), +hi.toPrecision(6)]]),
  ),
};
const shift = new Map<string, Float64Array>();
const isMatMul = new Set(outs.filter((o) => !o.conv).map((o) => o.name));
for (let round = 0; round < ROUNDS; round++) {
  const table = { ...out, shift: Object.fromEntries([...shift].map(([k, v]) => [k, [...v]])) };
  const left = await localShift(int8Rec(rewritten, table));
  let worst = 0;
  for (const [k, m] of left) {
    const s = shift.get(k) ?? new Float64Array(m.length);
    // A MatMul's correction sits in the Add after it, so its own output still carries the shift taken off there.
    m.forEach((v, i) => {
      const r = isMatMul.has(k) ? v - s[i]! : v;
      s[i] = s[i]! + r;
      worst = Math.max(worst, Math.abs(r));
    });
    shift.set(k, s);
  }
  console.log(`bias round ${round + 1}: largest mean shift left ${worst.toPrecision(3)}`);
}
if (shift.size > 0)
  out.shift = Object.fromEntries([...shift].map(([k, v]) => [k, Array.from(v, (x) => +x.toPrecision(4))]));
writeFileSync(calibrationFile(modelsDir()), `${JSON.stringify(out, null, 2)}\n`);
console.log(`${tensors.length} tensors over ${feeds.length} batches from ${images.length} images`);
