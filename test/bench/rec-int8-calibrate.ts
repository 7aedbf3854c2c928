/**
 * `node --import tsx test/bench/rec-int8-calibrate.ts [images…]`: records the activation ranges of the recogniser's quantised
 * tensors over real line crops and writes models/rec-int8-calibration.json (graph/qdq.ts reads it through
 * app/ocr/rec-int8.ts). Default images: test/fixtures (not the eval split, which validates the result).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../../app/models/paths';
import { decodeGraph } from '../../app/ocr/graph/onnx-graph';
import { quantisedTensors } from '../../app/ocr/graph/qdq';
import { GRAPH_REWRITE_ID, rewriteModel } from '../../app/ocr/graph/rewrite';
import { REC_INT8_QDQ, calibrationFile, int8Source, type Calibration } from '../../app/ocr/rec-int8';
import { sha256 } from '../../app/models/load';
import { recFeeds } from './rec-int8-feeds';

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
const model = int8Source(rewriteModel('rec', new Uint8Array(src.buffer, src.byteOffset, src.length)));
const tensors = quantisedTensors(model, REC_INT8_QDQ);
const g = decodeGraph(model);
const probe = g.encode(
  g.nodes,
  tensors.map((name) => ({ name, elemType: 1 })),
);
const session = await ort.InferenceSession.create(probe, { graphOptimizationLevel: 'disabled' });
const feeds = await recFeeds(images);
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
const out: Calibration = {
  model: recFile.sha256,
  rewrite: GRAPH_REWRITE_ID,
  method: 'minmax',
  images: images.map((i) => path.basename(i)),
  batches: feeds.length,
  accepted: false,
  ranges: Object.fromEntries(
    [...ranges].map(([k, [lo, hi]]) => [k, [+lo.toPrecision(6), +hi.toPrecision(6)]]),
  ),
};
writeFileSync(calibrationFile(modelsDir()), `${JSON.stringify(out, null, 2)}\n`);
console.log(`${tensors.length} tensors over ${feeds.length} batches from ${images.length} images`);
