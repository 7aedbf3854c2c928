/**
 * `npx tsx test/bench/lane-release.ts [--pages N] [--idle-ms MS] [--eval-dir DIR]`: the engine worker's resident memory
 * with two lanes at ready, after a batch with two requests in flight, once the lane threads were released after their idle
 * time, after a second batch started it again, and after a third release; then one lane's after the same batch.
 * Figures go to docs/engine.md by hand.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EngineStatus } from '../../app/contracts/status';
import { intOptionOrExit, parseScriptArgsOrExit } from '../../app/cli/script-args';
import { EngineHost } from '../../app/engine/host';
import type { LanesSetting } from '../../app/engine/lanes';
import { NodeLauncher } from '../../app/engine/node-launcher';
import { readEvalDir } from '../../app/eval/dataset';
import { modelsDir } from '../../app/models/paths';
import { REPO_ROOT } from './adapter';
import { procMemory } from './tool-process';

const USAGE = 'usage: npx tsx test/bench/lane-release.ts [--pages N] [--idle-ms MS] [--eval-dir DIR]';
const { values } = parseScriptArgsOrExit(USAGE, {
  pages: { type: 'string' },
  'idle-ms': { type: 'string' },
  'eval-dir': { type: 'string', default: path.join(REPO_ROOT, '..', 'shared', 'eval') },
});
const count = intOptionOrExit(USAGE, 'pages', values.pages, 24);
const idleMs = intOptionOrExit(USAGE, 'idle-ms', values['idle-ms'], 5000);
const sources = ['sroie', 'icdar2015', 'tesseract_testing', 'rects'];
const all = await readEvalDir(path.resolve(values['eval-dir']));
const items = all.filter((s) => sources.includes(s.name)).flatMap((s) => s.items);
const pages = await Promise.all(
  items.slice(0, count).map(async (i) => ({ name: path.basename(i.image), bytes: await readFile(i.image) })),
);

const mib = (host: EngineHost) => Math.round((procMemory(host.status.pid ?? 0)?.rss ?? NaN) / 2 ** 20);

function until(host: EngineHost, pred: (s: EngineStatus) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (pred(host.status)) return resolve();
    const off = host.onStatus((s) => pred(s) && (off(), resolve()));
  });
}

/** CPU seconds (user + system, every thread) of a process so far, from /proc. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

const cpuMs: number[] = [];

/** The pages with two requests in flight; their texts in page order (worker CPU ms an image to `cpuMs`). */
async function batch(host: EngineHost): Promise<string[]> {
  const cpu0 = await cpuSeconds(host.status.pid ?? 0);
  const texts: string[] = [];
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < pages.length; i = next++)
      texts[i] = (await host.recognize({ kind: 'bytes', name: pages[i]!.name, bytes: pages[i]!.bytes })).text;
  };
  await Promise.all([lane(), lane()]);
  cpuMs.push(Math.round((((await cpuSeconds(host.status.pid ?? 0)) - cpu0) * 1000) / pages.length));
  return texts;
}

async function engine(
  lanes: LanesSetting,
): Promise<{ host: EngineHost; released: (n: number) => Promise<void> }> {
  let releases = 0;
  const waiters: (() => void)[] = [];
  const host = new EngineHost({
    launcher: new NodeLauncher(undefined, () => {}),
    modelsDir: modelsDir(),
    provider: 'cpu',
    lanes,
    laneIdleMs: idleMs,
    log: (_level, message) => {
      if (!/recognition lanes released/.test(message)) return;
      releases++;
      waiters.splice(0).forEach((w) => w());
    },
  });
  host.start();
  await until(host, (s) => s.state === 'ready');
  /** Resolves once the `n`th release is logged (its memory is then given back). */
  const released = async (n: number) => {
    while (releases < n) await new Promise<void>((r) => waiters.push(r));
  };
  return { host, released };
}

const rows: [string, number][] = [];
const two = await engine(2);
rows.push(['two lanes at ready', mib(two.host)]);
const first = await batch(two.host);
rows.push([
  `after a batch of ${pages.length} (lanes running ${two.host.status.lanesRunning})`,
  mib(two.host),
]);
await two.released(1);
rows.push(['after the release', mib(two.host)]);
const second = await batch(two.host);
const same = second.every((t, i) => t === first[i]);
rows.push([`after a second batch (lanes running ${two.host.status.lanesRunning})`, mib(two.host)]);
await two.released(2);
rows.push(['after the second release', mib(two.host)]);
await two.host.stop();
const one = await engine(1);
rows.push(['one lane at ready', mib(one.host)]);
const single = await batch(one.host);
rows.push([`one lane after the batch`, mib(one.host)]);
await one.host.stop();
console.log(`| engine worker (idle time ${idleMs} ms) | RSS MiB |\n|---|---|`);
for (const [what, v] of rows) console.log(`| ${what} | ${v} |`);
console.log(
  `worker CPU ms an image, batch by batch (two lanes, two lanes again, one lane): ${cpuMs.join(', ')}`,
);
console.log(
  `texts: second batch ${same ? 'same' : 'DIFFERENT'}; one lane ${single.every((t, i) => t === first[i]) ? 'same' : 'DIFFERENT'}`,
);
