/**
 * `npm run -s bench [-- --quick] [--images bench|pages|all|crops|<src,...>] [--reps N] [--rounds N] [--tools a,b] [--drift N]
 * [--provider cpu|cuda|webgpu|…] [--json]`:
 * Lantern OCR against @gutenye/ocr-node, ppu-paddle-ocr (same PP-OCRv4 files) and tesseract.js (English) in one run on
 * this machine, alternating the tools: start-up, first request, warm latency, throughput, memory and accuracy.
 * Writes test/bench/results.md and test/bench/latency.svg; with --json the last stdout line is all figures as JSON.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import prettier from 'prettier';
import { readEvalDir, type EvalItem, type EvalSource } from '../../app/eval/dataset';
import { evaluate, type SourceScore } from '../../app/eval/evaluate';
import { intOptionOrExit, parseScriptArgsOrExit, usageError } from '../../app/cli/script-args';
import { selfTestImage } from '../../app/engine/warmup';
import { PROVIDER_CHOICES, isProviderChoice, type ProviderChoice } from '../../app/ocr/providers';
import { REPO_ROOT, toolList, toolVersion, type ToolId, type ToolPrediction } from './adapter';
import type { BenchFigures, LatencyFigures, ToolFigures } from './figures';
import { cpuVectorExtensions } from './cpu-features';
import { sourceCommit } from './source-commit';
import { gpuLine } from './gpu-info';
import { latencyChart } from './latency-chart';
import { TOOL_IDS, TOOL_NAMES, skipsSource } from './peers';
import { evaluateTargets } from './targets';
import { resultsMarkdown, throughputChunkSize } from './results-md';
import { median, percentile, sum } from './stats';
import { buildHost } from './host-build';
import { measureCaptureLatency, type CaptureFigures } from './capture-latency';
import {
  ENGINE_PATH,
  engineAvailable,
  procMemory,
  startEngine,
  startHost,
  type ToolProcess,
} from './tool-process';

// Documents (PDF through Lantern OCR and ocrmypdf) are their own mode, with their own options.
if (process.argv.includes('--documents')) {
  await import('./documents');
  process.exit();
}
// Only the capture-to-clipboard section, written into results.md in place.
if (process.argv.includes('--capture')) {
  await import('./capture');
  process.exit();
}

/** Usage text for --help and mistakes. */
const USAGE = `usage: npm run -s bench -- [--quick] [--images bench|pages|all|crops|<source,...>] [--reps N] [--rounds N] [--drift N]
                             [--tools ${TOOL_IDS.join(',')}] [--provider ${PROVIDER_CHOICES.join('|')}] [--json]
                             [--eval-dir ../shared/eval] [--out test/bench] [--only throughput]
       npm run -s bench -- --documents [--pages N] [--provider P] [--json]   PDFs through Lantern OCR and ocrmypdf
       npm run -s bench -- --capture [--runs N] [--provider P] [--json]      screen capture: selection to clipboard`;
const { values } = parseScriptArgsOrExit(USAGE, {
  quick: { type: 'boolean', default: false },
  images: { type: 'string', default: 'bench' },
  reps: { type: 'string' },
  tools: { type: 'string', default: TOOL_IDS.join(',') },
  drift: { type: 'string' },
  rounds: { type: 'string' },
  provider: { type: 'string', default: 'cpu' },
  json: { type: 'boolean', default: false },
  'eval-dir': { type: 'string', default: path.join(REPO_ROOT, '..', 'shared', 'eval') },
  out: { type: 'string', default: path.join(REPO_ROOT, 'test', 'bench') },
  only: { type: 'string' },
});
if (values.only !== undefined && values.only !== 'throughput') usageError(USAGE, '--only takes "throughput"');
const quick = values.quick;
const reps = intOptionOrExit(USAGE, 'reps', values.reps, quick ? 2 : 3);
const driftN = intOptionOrExit(USAGE, 'drift', values.drift, quick ? 200 : 1000);
const rounds = intOptionOrExit(USAGE, 'rounds', values.rounds, quick ? 1 : 8);
if (!isProviderChoice(values.provider))
  usageError(USAGE, `--provider must be one of ${PROVIDER_CHOICES.join(', ')}`);
/** Lantern OCR's execution provider for this run (the peers run on their own defaults, the CPU). */
const provider: ProviderChoice = values.provider;
const { tools, unknown: unknownTools } = toolList(values.tools);
if (unknownTools.length > 0) usageError(USAGE, `--tools: no tool "${unknownTools.join('", "')}"`);
const nextK = quick ? 3 : 5;
const t0 = performance.now();
// Named before anything runs: the code measured is the code at the start.
const commit = sourceCommit();
const log = (msg: string) =>
  process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);

const SETS: Readonly<Record<string, readonly string[]>> = {
  bench: ['sroie', 'icdar2015', 'tesseract_testing', 'rects', 'ic15_word_crops', 'lpr_plate_crops'],
  pages: ['sroie', 'icdar2015', 'tesseract_testing', 'rects'],
  all: [
    'sroie',
    'icdar2015',
    'tesseract_testing',
    'rects',
    'screens_zh',
    'ic15_word_crops',
    'lpr_plate_crops',
  ],
  crops: ['ic15_word_crops', 'lpr_plate_crops'],
};

/** The chosen sources; quick mode keeps the smallest few files of each. */
async function loadSet(): Promise<{ pages: EvalSource[]; crops: EvalSource[] }> {
  const wanted = SETS[values.images] ?? values.images.split(',');
  const all = await readEvalDir(path.resolve(values['eval-dir']));
  const chosen = wanted.map((n) => {
    const s = all.find((x) => x.name === n);
    if (!s) usageError(USAGE, `--images: no source "${n}" in ${values['eval-dir']}`);
    return s;
  });
  const trim = async (s: EvalSource, k: number): Promise<EvalSource> => {
    if (!quick) return s;
    const sized = await Promise.all(s.items.map(async (i) => ({ i, size: (await stat(i.image)).size })));
    const keep = new Set(
      sized
        .sort((a, b) => a.size - b.size)
        .slice(0, k)
        .map((x) => x.i.image),
    );
    return { ...s, items: s.items.filter((i) => keep.has(i.image)) };
  };
  return {
    pages: await Promise.all(chosen.filter((s) => !s.crops).map((s) => trim(s, 1))),
    crops: await Promise.all(chosen.filter((s) => s.crops).map((s) => trim(s, 8))),
  };
}

const set = await loadSet();
const mainSources = set.pages.length > 0 ? set.pages : set.crops;
const cropSources = set.pages.length > 0 ? set.crops : [];
const mainItems = mainSources.flatMap((s) => s.items);
const cropItems = cropSources.flatMap((s) => s.items);
const bytesOf = new Map<string, Uint8Array>();
for (const i of [...mainItems, ...cropItems]) bytesOf.set(i.image, await readFile(i.image));
const itemsFor = (id: ToolId, items: readonly EvalItem[]) => items.filter((i) => !skipsSource(id, i.source));
const rotate = <T>(xs: readonly T[], k: number): T[] => xs.map((_, i) => xs[(i + k) % xs.length]!);

const loadBefore = os.loadavg();
log(
  `${tools.length} tools, ${mainItems.length} main images (${mainSources.map((s) => s.name).join(', ')}), ` +
    `${cropItems.length} crops, ${reps} reps, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
);
const hostPath = await buildHost();
const useEngine = engineAvailable();
const figures = new Map<ToolId, ToolFigures>(
  tools.map((id) => [
    id,
    {
      id,
      name: TOOL_NAMES[id],
      version: toolVersion(id),
      errors: [],
    },
  ]),
);
const fig = (id: ToolId) => figures.get(id)!;

/** Starts the process a phase uses for a tool: Lantern's engine worker where the phase wants the product path. */
function launch(id: ToolId, product: boolean, concurrency = 1): ToolProcess {
  const p =
    id === 'lantern' && product && useEngine
      ? startEngine(ENGINE_PATH, provider)
      : startHost(hostPath, id, concurrency, provider);
  noteProvider(id, p);
  return p;
}

/** Keeps the provider a Lantern OCR process reports at ready (the first one; every process should say the same). */
function noteProvider(id: ToolId, p: ToolProcess): void {
  p.ready.then(
    (r) => {
      const f = fig(id);
      if (r.provider && !f.provider) f.provider = r.provider;
    },
    () => {}, // a tool that fails to start fails the run that awaits its ready
  );
}

async function safely<T>(id: ToolId, what: string, f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (err) {
    const msg = `${what}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    fig(id).errors.push(msg);
    log(`${TOOL_NAMES[id]}: ${msg}`);
    return undefined;
  }
}

// Only the throughput phase (Lantern OCR against the peers asked for with --tools), printed, results.md untouched.
if (values.only === 'throughput') {
  const tp = await throughputPhase();
  const ours = tp.get('lantern')?.inFlight2;
  for (const [id, t] of tp)
    console.log(
      `${TOOL_NAMES[id]} (${t.mode}): ${t.inFlight2.toFixed(2)} images/s` +
        (ours !== undefined && id !== 'lantern' ? `, Lantern OCR ${(ours / t.inFlight2).toFixed(2)}×` : ''),
    );
  process.exit();
}

// ── A. Start-up: a fresh process per tool and round → ready → first request → the next ones on the same image.
// One image per page source (a 16:9 photo first, then a receipt, a scan, a Chinese sign), one per round and each
// twice, so the first-request figure is not one image's (a warm-up can only prepare for sizes it has run), and a
// median over eight fresh processes (one process's first request varies by ±15 % here).
const firstItems = ['icdar2015', 'sroie', 'tesseract_testing', 'rects']
  .map((src) => mainItems.find((i) => i.source === src))
  .filter((i): i is (typeof mainItems)[number] => i !== undefined);
if (firstItems.length === 0) firstItems.push(mainItems[0]!);
{
  const per = new Map<
    ToolId,
    {
      ready: number[];
      self: number[];
      load: number[];
      warm: number[];
      first: number[];
      next: number[];
      ratio: number[];
      rss: number[];
    }
  >();
  for (let r = 0; r < rounds; r++) {
    const firstItem = firstItems[r % firstItems.length]!;
    for (const id of rotate(tools, r)) {
      const p = launch(id, true);
      await safely(id, 'start-up', async () => {
        const ready = await p.ready;
        const rss = (await p.memory()).rss;
        const bytes = bytesOf.get(firstItem.image)!;
        const first = (await p.recognize(bytes, firstItem.image)).wallMs;
        const next: number[] = [];
        for (let k = 0; k < nextK; k++) next.push((await p.recognize(bytes, firstItem.image)).wallMs);
        const e = per.get(id) ?? {
          ready: [],
          self: [],
          load: [],
          warm: [],
          first: [],
          next: [],
          ratio: [],
          rss: [],
        };
        e.ready.push(ready.wallMs);
        e.self.push(ready.selfMs);
        if (ready.engine) {
          e.load.push(ready.engine.loadMs.det + ready.engine.loadMs.cls + ready.engine.loadMs.rec);
          e.warm.push(ready.engine.warmupMs);
        }
        e.first.push(first);
        e.next.push(median(next));
        e.ratio.push(first / median(next));
        e.rss.push(rss);
        per.set(id, e);
        log(
          `start-up ${TOOL_NAMES[id]} (${p.kind}): ready ${ready.wallMs.toFixed(0)} ms, first ${first.toFixed(0)} ms, ` +
            `next ${median(next).toFixed(0)} ms`,
        );
      });
      await p.stop();
    }
  }
  for (const [id, e] of per)
    fig(id).startup = {
      process: id === 'lantern' && useEngine ? 'engine' : 'host',
      rounds: e.ready.length,
      readyMs: median(e.ready),
      readySelfMs: median(e.self),
      ...(e.load.length ? { loadMs: median(e.load), warmupMs: median(e.warm) } : {}),
      firstMs: median(e.first),
      nextMedianMs: median(e.next),
      firstRatio: median(e.ratio),
      rssAtReady: median(e.rss),
    };
}

// ── B. Warm latency and accuracy: one resident host per tool, every image sent to each tool in turn, `reps` times.
const preds = new Map<ToolId, Map<string, ToolPrediction>>(tools.map((id) => [id, new Map()]));
const walls = new Map<ToolId, Map<string, number[]>>(tools.map((id) => [id, new Map()]));
const lanternRuns: { wall: number; pred: ToolPrediction; image: string }[] = [];
{
  const procs = new Map<ToolId, ToolProcess>();
  for (const id of tools) {
    const p = startHost(hostPath, id, 1, provider);
    noteProvider(id, p);
    const ok = await safely(id, 'warm-run start', async () => {
      await p.ready;
      const warmItem = itemsFor(id, mainItems)[0] ?? mainItems[0]!;
      await p.recognize(bytesOf.get(warmItem.image)!, warmItem.image); // not measured: warm latency excludes the cold start
      return true;
    });
    if (ok) procs.set(id, p);
    else await p.stop();
  }
  const pass = async (items: readonly EvalItem[], repsHere: number, label: string) => {
    for (let r = 0; r < repsHere; r++) {
      for (const [k, item] of items.entries()) {
        for (const id of rotate(tools, k + r)) {
          const p = procs.get(id);
          if (!p || skipsSource(id, item.source)) continue;
          const res = await safely(id, `${label} ${path.basename(item.image)}`, () =>
            p.recognize(bytesOf.get(item.image)!, item.image),
          );
          if (!res) continue;
          const w = walls.get(id)!;
          w.set(item.image, [...(w.get(item.image) ?? []), res.wallMs]);
          if (r === 0) preds.get(id)!.set(item.image, res.pred);
          if (id === 'lantern' && label === 'page')
            lanternRuns.push({ wall: res.wallMs, pred: res.pred, image: item.image });
        }
      }
      log(`warm ${label}s: repetition ${r + 1}/${repsHere} done`);
    }
  };
  await pass(mainItems, reps, set.pages.length > 0 ? 'page' : 'crop');
  for (const [id, p] of procs) {
    const mem = await p.memory();
    fig(id).memory = { peakPages: mem.peak, requests: 0, samples: [] };
  }
  if (cropItems.length) await pass(cropItems, 1, 'crop');
  await Promise.all([...procs.values()].map((p) => p.stop()));
}

function latency(id: ToolId, items: readonly EvalItem[], repsHere: number): LatencyFigures | undefined {
  const w = walls.get(id)!;
  const perImage: Record<string, number> = {};
  for (const i of itemsFor(id, items)) {
    const xs = w.get(i.image);
    if (xs?.length) perImage[path.basename(i.image)] = median(xs);
  }
  const v = Object.values(perImage);
  if (v.length === 0) return undefined;
  return {
    images: v.length,
    reps: repsHere,
    medianMs: median(v),
    p95Ms: percentile(v, 95),
    meanMs: sum(v) / v.length,
    perImage,
  };
}
for (const id of tools) {
  const f = fig(id);
  const main = latency(id, mainItems, reps);
  if (main) f.pages = main;
  const crops = cropItems.length ? latency(id, cropItems, 1) : undefined;
  if (crops) f.crops = crops;
}
if (tools.includes('lantern') && lanternRuns.length) {
  const byImage = new Map<string, typeof lanternRuns>();
  for (const r of lanternRuns) byImage.set(r.image, [...(byImage.get(r.image) ?? []), r]);
  const step = (f: (r: (typeof lanternRuns)[number]) => number) =>
    median([...byImage.values()].map((rs) => median(rs.map(f))));
  const ms = (r: (typeof lanternRuns)[number]) => r.pred.ms!;
  const total = sum(lanternRuns.map((r) => ms(r).total));
  const ort = sum(lanternRuns.map((r) => r.pred.ortMs ?? 0));
  const wall = sum(lanternRuns.map((r) => r.wall));
  fig('lantern').split = {
    decode: step((r) => ms(r).decode),
    det: step((r) => ms(r).det),
    cls: step((r) => ms(r).cls),
    rec: step((r) => ms(r).rec),
    other: step((r) => ms(r).total - ms(r).decode - ms(r).det - ms(r).cls - ms(r).rec),
    ipc: step((r) => r.wall - ms(r).total),
    total: step((r) => ms(r).total),
    ort: step((r) => r.pred.ortMs ?? 0),
    outsideOrtShare: (total - ort) / total,
    outsideOrtShareWithIpc: (wall - ort) / wall,
    outsideOrtShareMedianImage: step((r) => (r.wall - (r.pred.ortMs ?? 0)) / r.wall),
  };
}

// Accuracy of the predictions the warm run returned, scored exactly as `npm run -s eval` scores them.
for (const id of tools) {
  const p = preds.get(id)!;
  const srcs = [...mainSources, ...cropSources]
    .filter((s) => !skipsSource(id, s.name))
    .map((s) => ({ ...s, items: s.items.filter((i) => p.has(i.image)) }))
    .filter((s) => s.items.length > 0);
  if (srcs.length === 0) continue;
  const { sources } = await evaluate(srcs, async (_b, file) => p.get(file)!);
  const pool = (list: SourceScore[]) => {
    const n = sum(list.map((s) => s.images));
    const w = (k: 'cer' | 'charF1' | 'exact') => sum(list.map((s) => s[k] * s.images)) / n;
    return { images: n, cer: w('cer'), charF1: w('charF1'), exact: w('exact') };
  };
  const pages = sources.filter((s) => !s.crops);
  const english = pages.filter((s) => tools.every((t) => !skipsSource(t, s.source)));
  const crops = sources.filter((s) => s.crops && tools.every((t) => !skipsSource(t, s.source)));
  fig(id).accuracy = {
    sources,
    ...(english.length ? { pages: pool(english) } : {}),
    ...(pages.length && !skipsSource(id, 'rects') ? { allPages: pool(pages) } : {}),
    ...(crops.length ? { crops: pool(crops) } : {}),
  };
}
log('accuracy scored');

// ── C. Throughput: every tool resident at once, two requests in flight, the page set cut into chunks that the
// tools take in turn (rotated per chunk), so that load from other users of the machine falls on all tools alike.
// Lantern OCR runs its engine worker: whatever concurrency the worker gains (pipelining, a pool) shows up here.
// Each chunk ends with a drain (one request left in flight) that a continuous batch has once: 16 pages a chunk keep
// two turns per tool on the bench's 32 and count that drain half as often as 8 did (docs/benchmarks.md).
async function throughputPhase(): Promise<Map<ToolId, { inFlight2: number; mode: string }>> {
  const tp = new Map<ToolId, { inFlight2: number; mode: string }>();
  interface Lane {
    id: ToolId;
    mode: string;
    proc: ToolProcess;
    ms: number;
    n: number;
  }
  const lanes: Lane[] = tools.map((id) => ({
    id,
    mode:
      id === 'lantern'
        ? useEngine
          ? 'engine worker, 2 in flight'
          : 'in-process pipeline, 2 in flight'
        : id === 'tesseract'
          ? 'scheduler over 2 workers'
          : '2 concurrent calls on one instance',
    proc: launch(id, true, 2),
    ms: 0,
    n: 0,
  }));
  const live: Lane[] = [];
  for (const lane of lanes) {
    const first = itemsFor(lane.id, mainItems)[0];
    const ok = await safely(lane.id, `throughput start (${lane.mode})`, async () => {
      await lane.proc.ready;
      if (first)
        await Promise.all([0, 1].map(() => lane.proc.recognize(bytesOf.get(first.image)!, first.image)));
      return true;
    });
    if (ok) live.push(lane);
  }
  const chunkSize = throughputChunkSize(quick);
  for (let c = 0; c * chunkSize < mainItems.length; c++) {
    const chunk = mainItems.slice(c * chunkSize, (c + 1) * chunkSize);
    for (const lane of rotate(live, c)) {
      const items = itemsFor(lane.id, chunk);
      if (items.length === 0) continue;
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const item = items[next++]!;
          await lane.proc.recognize(bytesOf.get(item.image)!, item.image);
        }
      };
      const t = performance.now();
      const ok = await safely(lane.id, `throughput (${lane.mode})`, () => Promise.all([worker(), worker()]));
      if (!ok) continue;
      lane.ms += performance.now() - t;
      lane.n += items.length;
    }
  }
  for (const lane of live) {
    if (lane.n === 0) continue;
    const v = lane.n / (lane.ms / 1000);
    tp.set(lane.id, { inFlight2: v, mode: lane.mode });
    log(`throughput ${TOOL_NAMES[lane.id]} (${lane.mode}): ${v.toFixed(2)} images/s`);
  }
  await Promise.all(lanes.map((l) => l.proc.stop()));
  return tp;
}
const tp = await throughputPhase();
for (const id of tools) {
  const f = fig(id);
  const e = tp.get(id);
  const seq = f.pages ? f.pages.images / (sum(Object.values(f.pages.perImage)) / 1000) : NaN;
  f.throughput = {
    images: f.pages?.images ?? 0,
    sequential: seq,
    ...(e ? { inFlight2: e.inFlight2, inFlight2Mode: e.mode } : {}),
    best: Math.max(seq, e?.inFlight2 ?? 0),
  };
}

// ── D. Memory drift: a fresh process per tool, `driftN` sequential requests each on a small image, RSS every 100.
// Only memory is read here, so the tools run side by side (separate processes: their RSS stays apart).
{
  const small = selfTestImage();
  await Promise.all(
    tools.map(async (id) => {
      const p = launch(id, true);
      await safely(id, 'drift run', async () => {
        await p.ready;
        const samples: { n: number; rss: number }[] = [];
        for (let n = 1; n <= driftN; n++) {
          await p.recognize(small, 'self-test.png');
          if (n % 100 === 0 || n === driftN) samples.push({ n, rss: (await p.memory()).rss });
        }
        const peak = (procMemory(p.pid) ?? (await p.memory())).peak;
        const at100 = samples.find((s) => s.n === 100)?.rss;
        const atEnd = samples.at(-1)?.rss;
        const peakPages = fig(id).memory?.peakPages;
        fig(id).memory = {
          ...(peakPages !== undefined ? { peakPages } : {}),
          requests: driftN,
          ...(at100 !== undefined ? { rssAt100: at100 } : {}),
          ...(atEnd !== undefined ? { rssAtEnd: atEnd } : {}),
          peakDrift: peak,
          ...(at100 !== undefined && atEnd !== undefined ? { drift: atEnd / at100 - 1 } : {}),
          samples,
        };
        log(
          `drift ${TOOL_NAMES[id]}: RSS ${((at100 ?? NaN) / 1048576).toFixed(0)} MiB at 100 → ` +
            `${((atEnd ?? NaN) / 1048576).toFixed(0)} MiB at ${driftN}`,
        );
      });
      await p.stop();
    }),
  );
}

// ── E. Screen capture: selection to clipboard through the desktop flow, on a fresh warm engine worker.
let capture: CaptureFigures | undefined;
if (useEngine)
  capture = await measureCaptureLatency({
    evalDir: values['eval-dir'],
    provider,
    runs: quick ? 10 : 40,
    log,
  }).catch((err: unknown) => {
    log(`capture: ${(err as Error).message}`);
    return undefined;
  });

// ── Report.
const toolFigures = tools.map(fig);
const { ratios, targets } = evaluateTargets(toolFigures);
const cpus = os.cpus();
const customised =
  Boolean(values.reps || values.drift || values.rounds) ||
  values.images !== 'bench' ||
  values.tools !== TOOL_IDS.join(',') ||
  provider !== 'cpu';
const result: BenchFigures = {
  date: new Date().toISOString(),
  ...(commit ? { commit } : {}),
  mode: quick ? 'quick' : customised ? 'custom' : 'full',
  machine: {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    vector: cpuVectorExtensions(),
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadBefore,
    loadAfter: os.loadavg(),
  },
  gpu: gpuLine(provider, figures.get('lantern')?.provider),
  provider,
  imageSet: values.images,
  pageSources: set.pages.map((s) => `${s.name} (${s.items.length})`),
  cropSources: set.crops.map((s) => `${s.name} (${s.items.length})`),
  reps,
  wallS: (performance.now() - t0) / 1000,
  ...(useEngine ? { enginePath: path.relative(REPO_ROOT, ENGINE_PATH) } : {}),
  tools: toolFigures,
  ratios,
  targets,
  ...(capture ? { capture } : {}),
};
const outDir = path.resolve(values.out);
const mdFile = path.join(outDir, 'results.md');
await mkdir(outDir, { recursive: true });
const md = resultsMarkdown(result, {
  quick,
  args: process.argv.slice(2).filter((a) => a !== '--json'),
  evalDir: path.relative(REPO_ROOT, path.resolve(values['eval-dir'])),
  driftN,
  firstImages: firstItems.slice(0, rounds).map((i) => path.basename(i.image)),
  nextK,
});
const config = await prettier.resolveConfig(mdFile);
await writeFile(mdFile, await prettier.format(md, { ...config, filepath: mdFile }));
await writeFile(path.join(outDir, 'latency.svg'), latencyChart(result));
log(`written ${path.relative(process.cwd(), mdFile)} and latency.svg`);

for (const [k, v] of Object.entries(ratios)) console.log(`${k}: ${Number.isFinite(v) ? v.toFixed(3) : '–'}`);
for (const t of targets)
  console.log(`${t.met === undefined ? '?' : t.met ? 'met' : 'NOT met'}\t${t.target}\t${t.measured}`);
if (values.json) console.log(JSON.stringify(result));
