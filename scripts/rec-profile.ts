/**
 * `node --import tsx scripts/rec-profile.ts [fp32|int8]`: onnxruntime's own profile of the recogniser over the batches of
 * the bench's page sources (2 pages each), summed per operator type: where its time goes.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { modelsDir } from '../app/models/paths';
import { GRAPH_REWRITE_ID, rewriteModel } from '../app/ocr/graph/rewrite';
import { int8Rec, loadCalibration } from '../app/ocr/rec-int8';
import { sessionOptions } from '../app/ocr/sessions';
import { recFeeds } from './rec-feeds';

const variant = process.argv[2] === 'int8' ? 'int8' : 'fp32';
const evalDir = '/work/shared/eval';
const images = ['sroie', 'icdar2015', 'tesseract_testing', 'rects'].flatMap((s) =>
  readdirSync(path.join(evalDir, s, 'images'))
    .sort()
    .slice(0, 2)
    .map((f) => path.join(evalDir, s, 'images', f)),
);
const manifest = JSON.parse(readFileSync(path.join(modelsDir(), 'manifest.json'), 'utf8')) as {
  packs: { files: { rec: { file: string; sha256: string } } }[];
};
const rec = manifest.packs[0]!.files.rec;
const src = readFileSync(path.join(modelsDir(), rec.file));
const fp32 = rewriteModel('rec', new Uint8Array(src.buffer, src.byteOffset, src.length));
const cal = loadCalibration(modelsDir(), rec.sha256, GRAPH_REWRITE_ID);
if (typeof cal === 'string') throw new Error(cal);
const feeds = await recFeeds(images);
const prefix = `/tmp/rec-profile-${variant}`;
const s = await ort.InferenceSession.create(variant === 'int8' ? int8Rec(fp32, cal) : fp32, {
  ...sessionOptions('cpu', 0),
  enableProfiling: true,
  profileFilePrefix: prefix,
});
for (const f of feeds)
  await s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', f.data, f.dims) }, ['lantern/ctc_index']);
s.endProfiling();
const name = readdirSync('/tmp').find((f) => f.startsWith(path.basename(prefix)) && f.endsWith('.json'));
if (!name) throw new Error('onnxruntime wrote no profile');
const file = path.join('/tmp', name);
const events = JSON.parse(readFileSync(file, 'utf8')) as { cat: string; dur: number; args?: { op_name?: string } }[];
rmSync(file, { force: true });
const by = new Map<string, number>();
for (const e of events)
  if (e.cat === 'Node' && e.args?.op_name) by.set(e.args.op_name, (by.get(e.args.op_name) ?? 0) + e.dur);
const total = [...by.values()].reduce((a, b) => a + b, 0);
console.log(`${variant}: ${feeds.length} batches, node time ${(total / 1000).toFixed(0)} ms`);
for (const [op, us] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 14))
  console.log(`${op.padEnd(22)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${((100 * us) / total).toFixed(1)} %`);
