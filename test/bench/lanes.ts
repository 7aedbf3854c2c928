/**
 * `npx tsx test/bench/lanes.ts [--rounds N] [--eval-dir DIR] [--variants name=engine.mjs@lanes,…]`: engine workers
 * with different lane settings (by default one lane against `auto`; a variant may name another build of the engine),
 * all resident, taking the bench pages in turn (rotated per round so that load from other users of the machine falls
 * on all alike): images/s and worker CPU seconds with two requests in flight, the median single-request wall time with
 * one, and resident memory at ready and at the end. Figures go to docs/benchmarks.md by hand.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readEvalDir } from '../../app/eval/dataset';
import type { LanesSetting } from '../../app/engine/lanes';
import { intOptionOrExit, parseScriptArgsOrExit } from '../../app/cli/script-args';
import { REPO_ROOT } from './adapter';
import { median } from './stats';
import { ENGINE_PATH, procMemory, startEngine, type ToolProcess } from './tool-process';

const USAGE =
  'usage: npx tsx test/bench/lanes.ts [--rounds N] [--eval-dir DIR] [--variants name=engine.mjs@lanes,…]';
const { values } = parseScriptArgsOrExit(USAGE, {
  rounds: { type: 'string' },
  variants: { type: 'string', default: `1=${ENGINE_PATH}@1,auto=${ENGINE_PATH}@auto` },
  'eval-dir': { type: 'string', default: path.join(REPO_ROOT, '..', 'shared', 'eval') },
});
const rounds = intOptionOrExit(USAGE, 'rounds', values.rounds, 4);
const sources = ['sroie', 'icdar2015', 'tesseract_testing', 'rects'];
const all = await readEvalDir(path.resolve(values['eval-dir']));
const items = all.filter((s) => sources.includes(s.name)).flatMap((s) => s.items);
const pages = await Promise.all(items.map(async (i) => ({ file: i.image, bytes: await readFile(i.image) })));

/** CPU seconds (user + system, every thread) of a process so far, from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

interface Lane {
  readonly setting: string;
  readonly readyRss: number;
  readonly proc: ToolProcess;
  readonly rate: number[];
  readonly cpu: number[];
  readonly single: number[];
  texts: string[];
}

async function run(
  proc: ToolProcess,
  inFlight: number,
): Promise<{ s: number; walls: number[]; texts: string[] }> {
  let next = 0;
  const walls: number[] = [];
  const texts: string[] = new Array<string>(pages.length);
  const worker = async () => {
    for (let i = next++; i < pages.length; i = next++) {
      const r = await proc.recognize(pages[i]!.bytes, pages[i]!.file);
      walls.push(r.wallMs);
      texts[i] = r.pred.text;
    }
  };
  const t = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { s: (performance.now() - t) / 1000, walls, texts };
}

/** `name=engine.mjs@lanes`: a build of the engine worker and its lanes setting. */
function variant(spec: string): { name: string; engine: string; lanes: LanesSetting } {
  const m = /^([^=]+)=(.+)@(auto|1|2)$/.exec(spec);
  if (!m) {
    console.error(`bad variant ${spec}\n${USAGE}`);
    process.exit(2);
  }
  return { name: m[1]!, engine: m[2]!, lanes: m[3] === 'auto' ? 'auto' : m[3] === '1' ? 1 : 2 };
}

const lanes: Lane[] = [];
for (const v of values.variants.split(',').map(variant)) {
  const proc = startEngine(v.engine, 'cpu', v.lanes);
  const ready = await proc.ready;
  const readyRss = procMemory(proc.pid)?.rss ?? NaN;
  process.stderr.write(`${v.name}: ready in ${ready.selfMs} ms (${ready.engine?.lanes ?? '?'} lanes)\n`);
  lanes.push({ setting: v.name, readyRss, proc, rate: [], cpu: [], single: [], texts: [] });
}
for (const l of lanes) await run(l.proc, 2); // the lane threads start and warm up, pages reach their arena sizes
for (let r = 0; r < rounds; r++) {
  for (const l of [...lanes.slice(r % lanes.length), ...lanes.slice(0, r % lanes.length)]) {
    const c0 = await cpuSeconds(l.proc.pid);
    const two = await run(l.proc, 2);
    l.cpu.push((await cpuSeconds(l.proc.pid)) - c0);
    l.rate.push(pages.length / two.s);
    l.texts = two.texts;
    l.single.push(median((await run(l.proc, 1)).walls));
    process.stderr.write(
      `round ${r} ${l.setting}: ${(pages.length / two.s).toFixed(2)} images/s, ${l.cpu.at(-1)!.toFixed(1)} CPU s, ` +
        `single median ${l.single.at(-1)!.toFixed(0)} ms, load ${os.loadavg()[0]!.toFixed(2)}\n`,
    );
  }
}
const same = lanes.every((l) => l.texts.every((t, i) => t === lanes[0]!.texts[i]));
const mib = (b: number | undefined) => ((b ?? NaN) / 2 ** 20).toFixed(0);
for (const l of lanes) {
  const m = procMemory(l.proc.pid);
  console.log(
    `${l.setting}: RSS at ready ${mib(l.readyRss)}, at the end ${mib(m?.rss)} MiB, peak ${mib(m?.peak)} MiB`,
  );
}
for (const l of lanes)
  console.log(
    `${l.setting}: ${pages.length} pages, 2 in flight ${median(l.rate).toFixed(2)} images/s ` +
      `(${l.rate.map((x) => x.toFixed(2)).join(' ')}), CPU ${median(l.cpu).toFixed(1)} s = ${((median(l.cpu) * 1000) / pages.length).toFixed(0)} ms/image (${l.cpu.map((x) => x.toFixed(1)).join(' ')}), ` +
      `single median ${median(l.single).toFixed(0)} ms (${l.single.map((x) => x.toFixed(0)).join(' ')})`,
  );
console.log(`texts identical across settings: ${same}`);
await Promise.all(lanes.map((l) => l.proc.stop()));
