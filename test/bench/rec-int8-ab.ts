/**
 * `node --import tsx test/bench/rec-int8-ab.ts [rounds] [images…]`: the recogniser's own time, fp32 against int8, over the
 * batches real pages make (default: the bench's page sources in /work/shared/eval, 3 of each), alternated per batch and
 * read as process CPU time and wall time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import { sessionOptions } from '../../app/ocr/sessions';
import { decodeGraph } from '../../app/ocr/graph/onnx-graph';
import { benchPages, recFeeds, recModels } from './rec-int8-feeds';

const [roundsArg, ...imgArgs] = process.argv.slice(2);
const rounds = Number(roundsArg ?? 3);
const images = imgArgs.length > 0 ? imgArgs : benchPages(3);
const { fp32, int8 } = recModels();
const so = sessionOptions('cpu', 0);
const opt = '/tmp/rec-int8-opt.onnx';
const sessions = {
  fp32: await ort.InferenceSession.create(fp32, so),
  int8: await ort.InferenceSession.create(int8, { ...so, optimizedModelFilePath: opt }),
};
const ops = new Map<string, number>();
for (const n of decodeGraph(new Uint8Array(readFileSync(opt))).nodes)
  ops.set(`${n.domain}:${n.opType}`, (ops.get(`${n.domain}:${n.opType}`) ?? 0) + 1);
console.log('int8 optimised graph ops:', JSON.stringify([...ops].sort((a, b) => b[1] - a[1])));
const feeds = await recFeeds(images);
const cols = feeds.reduce((a, f) => a + f.dims[0]! * f.dims[3]!, 0);
console.log(`${feeds.length} batches, ${cols} columns from ${images.length} images`);
const total = { fp32: { cpu: 0, wall: 0 }, int8: { cpu: 0, wall: 0 } };
let mismatch = 0;
let steps = 0;
for (let r = 0; r < rounds; r++)
  for (const f of feeds) {
    const order = r % 2 === 0 ? (['fp32', 'int8'] as const) : (['int8', 'fp32'] as const);
    const idx: Record<string, Int32Array> = {};
    for (const v of order) {
      const s = sessions[v];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', f.data, f.dims) }, [
        'lantern/ctc_index',
      ]);
      total[v].wall += performance.now() - t0;
      const c = process.cpuUsage(c0);
      total[v].cpu += (c.user + c.system) / 1000;
      idx[v] = out['lantern/ctc_index']!.data as Int32Array;
    }
    if (r === 0) {
      steps += idx.fp32!.length;
      for (let i = 0; i < idx.fp32!.length; i++) if (idx.fp32![i] !== idx.int8![i]) mismatch++;
    }
  }
const fmt = (v: { cpu: number; wall: number }) =>
  `cpu ${(v.cpu / rounds).toFixed(0)} ms, wall ${(v.wall / rounds).toFixed(0)} ms per pass`;
console.log(`fp32: ${fmt(total.fp32)}\nint8: ${fmt(total.int8)}`);
console.log(
  `int8/fp32 cpu ${(total.int8.cpu / total.fp32.cpu).toFixed(3)}, wall ${(total.int8.wall / total.fp32.wall).toFixed(3)}`,
);
console.log(`argmax steps differing: ${mismatch} of ${steps} (${((100 * mismatch) / steps).toFixed(2)} %)`);
writeFileSync('/tmp/rec-int8-ab.json', JSON.stringify(total));
