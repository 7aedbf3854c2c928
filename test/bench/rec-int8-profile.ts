/**
 * `node --import tsx test/bench/rec-int8-profile.ts [fp32|int8]`: onnxruntime's own profile of the recogniser over the batches of
 * the bench's page sources (2 pages each), summed per operator type: where its time goes.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { sessionOptions } from '../../app/ocr/sessions';
import { benchPages, recFeeds, recModels } from './rec-int8-feeds';

const variant = process.argv[2] === 'int8' ? 'int8' : 'fp32';
const images = benchPages(2);
const { fp32, int8 } = recModels();
const feeds = await recFeeds(images);
const prefix = `/tmp/rec-profile-${variant}`;
const s = await ort.InferenceSession.create(variant === 'int8' ? int8 : fp32, {
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
const events = JSON.parse(readFileSync(file, 'utf8')) as {
  cat: string;
  dur: number;
  args?: { op_name?: string };
}[];
rmSync(file, { force: true });
const by = new Map<string, number>();
for (const e of events)
  if (e.cat === 'Node' && e.args?.op_name) by.set(e.args.op_name, (by.get(e.args.op_name) ?? 0) + e.dur);
const total = [...by.values()].reduce((a, b) => a + b, 0);
console.log(`${variant}: ${feeds.length} batches, node time ${(total / 1000).toFixed(0)} ms`);
for (const [op, us] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 14))
  console.log(
    `${op.padEnd(22)} ${(us / 1000).toFixed(0).padStart(6)} ms  ${((100 * us) / total).toFixed(1)} %`,
  );
