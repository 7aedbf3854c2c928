/**
 * The GPU check (docs/gpu.md): on one machine, warm pages on a GPU provider against its CPU (time, split, text), then
 * fresh engine starts (first request after ready ÷ warm). Bundled with the runtime by scripts/gpu-pack.sh; also runs
 * from source: `npx tsx test/bench/gpu-check.ts --provider cpu --shapes buckets` (the GPU lane on the CPU, buckets).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { intOptionOrExit, parseScriptArgsOrExit, usageError } from '../../app/cli/script-args';
import { warmUp } from '../../app/engine/warmup';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { isProviderChoice, type ProviderChoice } from '../../app/ocr/providers';
import { isShapeMode, type ShapeMode } from '../../app/ocr/shape-buckets';
import type { WebGpuLayout } from '../../app/ocr/sessions';
import { checkImages, imagePath, type CheckImage } from './gpu-check-images';
import { gpuCheckMarkdown, type CheckRun, type LaneRun, type StartLane, type StepRun } from './gpu-check-md';
import { nvidiaGpus } from './gpu-info';
import { median } from './stats';
import { ENGINE_PATH, startEngine } from './tool-process';

const USAGE = `usage: gpu-check [--provider webgpu] [--shapes exact|batches|buckets] [--variants exact,buckets,nhwc]
                 [--start-variants exact,buckets] [--eval-dir DIR] [--reps 3] [--starts 8] [--variant-starts 4]
                 [--cpu-starts 4] [--pages 24] [--out DIR] [--list]`;
const { values } = parseScriptArgsOrExit(USAGE, {
  provider: { type: 'string', default: 'webgpu' },
  shapes: { type: 'string' },
  variants: { type: 'string', default: '' },
  'start-variants': { type: 'string' },
  'eval-dir': { type: 'string', default: '../shared/eval' },
  reps: { type: 'string' },
  starts: { type: 'string' },
  'variant-starts': { type: 'string' },
  'cpu-starts': { type: 'string' },
  pages: { type: 'string' },
  out: { type: 'string', default: process.env.OUT || '/tmp/gpu-check' },
  list: { type: 'boolean', default: false },
});
const provider = values.provider;
if (!isProviderChoice(provider)) usageError(USAGE, `unknown --provider "${provider}"`);
const shapes = values.shapes;
if (shapes !== undefined && !isShapeMode(shapes)) usageError(USAGE, `unknown --shapes "${shapes}"`);
const VARIANTS = ['exact', 'batches', 'buckets', 'nhwc'];
const variantList = (raw: string) => {
  const list = raw.split(',').filter(Boolean);
  for (const v of list) if (!VARIANTS.includes(v)) usageError(USAGE, `unknown variant "${v}"`);
  return list;
};
const variants = variantList(values.variants);
const startVariants = variantList(values['start-variants'] ?? values.variants);
const reps = intOptionOrExit(USAGE, 'reps', values.reps, 3);
const starts = intOptionOrExit(USAGE, 'starts', values.starts, 8);
const variantStarts = intOptionOrExit(USAGE, 'variant-starts', values['variant-starts'], 4, 0);
const cpuStarts = intOptionOrExit(USAGE, 'cpu-starts', values['cpu-starts'], 4, 0);
const evalDir = path.resolve(values['eval-dir']);
const all = checkImages(evalDir);
const images = {
  ...all,
  pages: all.pages.slice(0, intOptionOrExit(USAGE, 'pages', values.pages, all.pages.length)),
};
if (values.list) {
  for (const img of [...all.first, ...all.pages]) console.log(path.join(img.source, 'images', img.file));
  process.exit(0);
}

/** A configuration to measure: provider, shape mode override and WebGPU layout. */
interface Setup {
  readonly name: string;
  readonly provider: ProviderChoice;
  readonly shapes?: ShapeMode;
  readonly layout?: WebGpuLayout;
}

const gpu: Setup = {
  name: `${provider}${shapes ? ` (${shapes})` : ''}`,
  provider,
  ...(shapes ? { shapes } : {}),
};
const cpu: Setup = { name: 'cpu', provider: 'cpu' };
/** A variant of the GPU setup: another shape mode, or WebGPU's NHWC layout. */
const variantSetup = (v: string): Setup =>
  isShapeMode(v)
    ? { name: `${provider} (${v})`, provider, shapes: v }
    : { name: `${provider} (NHWC)`, provider, ...(shapes ? { shapes } : {}), layout: 'NHWC' };
const variantSetups = variants.map(variantSetup);
const bytesOf = new Map<CheckImage, Uint8Array>(
  [...images.first, ...images.pages].map((i) => [i, readFileSync(imagePath(evalDir, i))]),
);
const t0 = performance.now();
const log = (s: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${s}`);

/** (b, c) Warm pages: every setup loaded in this process, the pages alternated setup by setup, `reps` times each. */
async function warmLanes(setups: readonly Setup[]): Promise<LaneRun[]> {
  const lanes: { setup: Setup; pipeline: OcrPipeline; readyMs: number }[] = [];
  for (const setup of setups) {
    const t = performance.now();
    const pipeline = await OcrPipeline.create(modelsDir(), {
      provider: setup.provider,
      threads: 0,
      ...(setup.shapes ? { shapes: setup.shapes } : {}),
      ...(setup.layout ? { webgpuLayout: setup.layout } : {}),
    });
    // A GPU setup that fell back to the CPU would measure nothing worth the device time: stop at once.
    if (setup.provider !== 'auto' && pipeline.provider !== setup.provider)
      throw new Error(`${setup.name} asked for ${setup.provider}: ${pipeline.sessions.provider.summary}`);
    await warmUp(pipeline);
    lanes.push({ setup, pipeline, readyMs: performance.now() - t });
    log(
      `${setup.name}: ${pipeline.sessions.provider.summary}, ${pipeline.shapes.mode} shapes, loaded and warm`,
    );
  }
  const runs = lanes.map(() => new Map<CheckImage, StepRun[]>());
  const texts = lanes.map(() => new Map<CheckImage, string>());
  for (let r = 0; r < reps; r++)
    for (const img of images.pages)
      for (const [k, lane] of lanes.entries()) {
        const res = await lane.pipeline.recognize(bytesOf.get(img)!, { file: img.file });
        const list = runs[k]!.get(img) ?? [];
        list.push({ ...res.ms, ort: lane.pipeline.lastRun.ortMs });
        runs[k]!.set(img, list);
        if (r === 0) texts[k]!.set(img, res.text);
      }
  const out = lanes.map((lane, k): LaneRun => ({
    name: lane.setup.name,
    provider: lane.pipeline.sessions.provider.summary,
    shapes: lane.pipeline.shapes.mode,
    readyMs: lane.readyMs,
    pages: images.pages.map((img) => ({
      image: `${img.source}/${img.file}`,
      reps: runs[k]!.get(img)!,
      text: texts[k]!.get(img)!,
    })),
  }));
  for (const lane of lanes) await lane.pipeline.release();
  return out;
}

/** (a) Fresh engine processes: ready, then the first request and `next` more of the same image, one image a start. */
async function freshStarts(setup: Setup, count: number, next = 5): Promise<StartLane> {
  const runs: StartLane['runs'][number][] = [];
  for (let i = 0; i < count; i++) {
    const img = images.first[i % images.first.length]!;
    const bytes = bytesOf.get(img)!;
    const env = { LANTERN_SHAPES: setup.shapes ?? '', LANTERN_WEBGPU_LAYOUT: setup.layout ?? '' };
    Object.assign(process.env, env);
    const proc = startEngine(ENGINE_PATH, setup.provider);
    try {
      const ready = await proc.ready;
      const first = await proc.recognize(bytes, img.file);
      const more = [];
      for (let k = 0; k < next; k++) more.push(await proc.recognize(bytes, img.file));
      const warm = median(more.map((m) => m.wallMs));
      runs.push({
        image: `${img.source}/${img.file}`,
        provider: ready.provider ?? '?',
        readyMs: ready.wallMs,
        loadMs: ready.engine
          ? ready.engine.loadMs.det + ready.engine.loadMs.cls + ready.engine.loadMs.rec
          : NaN,
        warmupMs: ready.engine?.warmupMs ?? NaN,
        firstMs: first.wallMs,
        warmMs: warm,
        firstSplit: first.pred.ms!,
        warmSplit: more[more.length >> 1]!.pred.ms!,
      });
      log(
        `start ${setup.name} ${i + 1}/${count} ${img.file}: ready ${ready.wallMs.toFixed(0)} ms, ` +
          `first ${first.wallMs.toFixed(0)} ms, warm ${warm.toFixed(0)} ms (${(first.wallMs / warm).toFixed(2)}×)`,
      );
    } finally {
      await proc.stop();
    }
  }
  return { name: setup.name, runs };
}

const startedAt = new Date();
const lanes = await warmLanes([gpu, cpu, ...variantSetups]);
const startLanes = [await freshStarts(gpu, starts)];
for (const v of startVariants)
  if (variantStarts > 0) startLanes.push(await freshStarts(variantSetup(v), variantStarts));
if (cpuStarts > 0) startLanes.push(await freshStarts(cpu, cpuStarts));
const run: CheckRun = {
  startedAt: startedAt.toISOString(),
  seconds: (performance.now() - t0) / 1000,
  command: `gpu-check ${process.argv.slice(2).join(' ')}`,
  machine: `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()} ${os.arch()}, Node ${process.version}`,
  gpus: nvidiaGpus(),
  reps,
  lanes,
  starts: startLanes,
};
mkdirSync(values.out, { recursive: true });
const md = gpuCheckMarkdown(run);
writeFileSync(path.join(values.out, 'gpu-check.md'), md);
writeFileSync(path.join(values.out, 'gpu-check.json'), JSON.stringify(run, null, 1));
console.log(md.slice(0, md.indexOf('\n## Per page')));
