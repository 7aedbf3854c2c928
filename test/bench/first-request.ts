/**
 * `npx tsx test/bench/first-request.ts [--engines a.mjs,b.mjs] [--rounds N] [--images f1,f2,…]`: the bench's
 * first-request section alone, with the engine's step timings and the worker's CPU time, for A/B runs of builds.
 * Each round starts a fresh worker per engine (order rotated) for each image: ready → first request → 5 more.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ENGINE_PATH, startEngine } from './tool-process';
import { median } from './stats';

const { values } = parseArgs({
  options: {
    engines: { type: 'string' },
    rounds: { type: 'string' },
    images: { type: 'string' },
    'eval-dir': { type: 'string' },
  },
});
const evalDir = values['eval-dir'] ?? path.resolve('..', 'shared', 'eval');
const engines = values.engines ? values.engines.split(',') : [ENGINE_PATH];
const rounds = Number(values.rounds ?? 2);
const images = (
  values.images ??
  'icdar2015/ic15_test_img_1.jpg,sroie/sroie_006.jpg,tesseract_testing/tess_8071_093_3B.png,rects/rects_train_ReCTS_000001.jpg'
)
  .split(',')
  .map((f) => {
    const [src, name] = f.split('/') as [string, string];
    return { name, bytes: readFileSync(path.join(evalDir, src, 'images', name)) };
  });
const NEXT = 5;

/** User+system CPU milliseconds of a process so far (all its threads), from /proc. */
function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Row {
  wall: number[];
  cpu: number[];
  stages: string[];
}
const rows = new Map<string, Row>();
const row = (k: string) => rows.get(k) ?? (rows.set(k, { wall: [], cpu: [], stages: [] }).get(k) as Row);

for (let r = 0; r < rounds; r++)
  for (const img of images)
    for (let e = 0; e < engines.length; e++) {
      const eng = engines[(e + r) % engines.length]!;
      const p = startEngine(eng);
      const ready = await p.ready;
      const c0 = cpuMs(p.pid);
      const first = await p.recognize(img.bytes, img.name);
      const c1 = cpuMs(p.pid);
      const walls: number[] = [];
      const cpus: number[] = [];
      let ms = first.pred.ms;
      for (let k = 0; k < NEXT; k++) {
        const a = cpuMs(p.pid);
        const t = await p.recognize(img.bytes, img.name);
        cpus.push(cpuMs(p.pid) - a);
        walls.push(t.wallMs);
        ms = t.pred.ms;
      }
      await p.stop();
      const k = `${path.basename(path.dirname(eng))}/${path.basename(eng)}`;
      const wr = first.wallMs / median(walls);
      const cr = (c1 - c0) / median(cpus);
      row(k).wall.push(wr);
      row(k).cpu.push(cr);
      const st = (m: typeof ms) => (m ? `d${m.decode}/t${m.det}/c${m.cls}/r${m.rec}` : '');
      console.log(
        `${k} ${img.name}: ready ${ready.wallMs.toFixed(0)} (warm-up ${ready.engine?.warmupMs}) ` +
          `first ${first.wallMs.toFixed(0)} ms ${st(first.pred.ms)} cpu ${(c1 - c0).toFixed(0)} | ` +
          `next ${median(walls).toFixed(0)} ms ${st(ms)} cpu ${median(cpus).toFixed(0)} | ` +
          `wall ${wr.toFixed(2)}× cpu ${cr.toFixed(2)}×`,
      );
    }
for (const [k, v] of rows)
  console.log(
    `${k}: first÷next wall median ${median(v.wall).toFixed(2)}× [${v.wall.map((x) => x.toFixed(2)).join(' ')}], ` +
      `cpu median ${median(v.cpu).toFixed(2)}× [${v.cpu.map((x) => x.toFixed(2)).join(' ')}]`,
  );
