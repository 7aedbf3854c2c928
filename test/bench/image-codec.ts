/**
 * `npx tsx test/bench/image-codec.ts [<eval dir>] [--reps N]`: the engine worker on native sharp and on sharp's
 * WebAssembly build (LANTERN_IMAGE_CODEC), alternated: time to ready, decode and total time per page (medians over
 * the pages, each page's median over the reps), resident and peak memory of the worker. Figures go to
 * docs/native-modules.md.
 */
import { readFile } from 'node:fs/promises';
import { EngineHost } from '../../app/engine/host';
import { NodeLauncher } from '../../app/engine/node-launcher';
import { readEvalDir } from '../../app/eval/dataset';
import { modelsDir } from '../../app/models/paths';
import type { ImageCodec } from '../../app/ocr/image-codec';
import { FIXTURES } from '../helpers/fixtures';
import { median } from './stats';
import { procMemory } from './tool-process';

const args = process.argv.slice(2);
const reps = Number(args[args.indexOf('--reps') + 1]) || 3;
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--reps');
const pages = dir
  ? (await readEvalDir(dir)).flatMap((s) => s.items.map((i) => i.image))
  : ['sroie_006.jpg', 'tess_eurotext.png', 'zhscreen_04_chat_ftp.png'].map((f) => `${FIXTURES}/${f}`);
const bytes = await Promise.all(pages.map(async (p) => new Uint8Array(await readFile(p))));

/** One engine on one codec: its figures. */
async function run(codec: ImageCodec) {
  process.env.LANTERN_IMAGE_CODEC = codec;
  const host = new EngineHost({
    launcher: new NodeLauncher(undefined, () => {}),
    modelsDir: modelsDir(),
    provider: 'cpu',
  });
  host.start();
  const ready = await new Promise<typeof host.status>((resolve) => {
    const off = host.onStatus((s) => {
      if (s.state === 'ready') {
        off();
        resolve(s);
      }
    });
  });
  const decode: number[][] = bytes.map(() => []);
  const total: number[][] = bytes.map(() => []);
  for (let r = 0; r < reps; r++)
    for (const [i, b] of bytes.entries()) {
      const res = await host.recognize({ kind: 'bytes', bytes: b });
      decode[i]!.push(res.ms.decode);
      total[i]!.push(res.ms.total);
    }
  const mem = procMemory(ready.pid ?? 0);
  await host.stop(2000);
  return {
    codec,
    readyMs: ready.readyMs ?? NaN,
    decodeMs: median(decode.map(median)),
    totalMs: median(total.map(median)),
    rssMiB: (mem?.rss ?? NaN) / 2 ** 20,
    peakMiB: (mem?.peak ?? NaN) / 2 ** 20,
  };
}

const rows = [];
for (const codec of ['native', 'wasm', 'native', 'wasm'] as const) rows.push(await run(codec));
console.log(`${pages.length} pages x ${reps} reps`);
for (const r of rows)
  console.log(
    `${r.codec}\tready ${r.readyMs.toFixed(0)} ms\tdecode ${r.decodeMs.toFixed(1)} ms/page\ttotal ${r.totalMs.toFixed(0)} ms/page\tRSS ${r.rssMiB.toFixed(0)} MiB\tpeak ${r.peakMiB.toFixed(0)} MiB`,
  );
