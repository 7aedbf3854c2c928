/** The Markdown page `test/bench/results.md` for one benchmark run. */
import { scoreTable } from '../../app/eval/report';
import { packageVersion } from './adapter';
import { captureSection } from './capture-latency';
import type { BenchFigures, ToolFigures } from './figures';
import { TOOL_CONFIG_NOTES } from './peers';
import { fmt, mib } from './stats';

/** Context of the run that the figures do not carry. */
export interface ResultsContext {
  readonly quick: boolean;
  /** The bench's command-line arguments, quoted in the page so a run can be repeated. */
  readonly args: readonly string[];
  readonly driftN: number;
  /** The evaluation folder, as given (\`../shared/eval\` by default). */
  readonly evalDir: string;
  readonly firstImages: readonly string[];
  readonly nextK: number;
}

const row = (label: string, cells: readonly string[]) => `| ${label} | ${cells.join(' | ')} |`;

function summaryTable(run: BenchFigures): string {
  const t = run.tools;
  const each = (f: (x: ToolFigures) => string) => t.map(f);
  const acc = (x: ToolFigures, k: 'pages' | 'allPages') => {
    const a = x.accuracy?.[k];
    return a ? `${fmt(a.cer, 3)} / ${fmt(a.charF1, 3)}` : '–';
  };
  return [
    `| | ${t.map((x) => `${x.name}`).join(' | ')} |`,
    `|---|${t.map(() => '---:').join('|')}|`,
    row(
      'start-up process',
      each((x) => x.startup?.process ?? '–'),
    ),
    row(
      'time to ready from process start (ms)',
      each((x) => fmt(x.startup?.readyMs)),
    ),
    row(
      `first request after ready (ms)`,
      each((x) => fmt(x.startup?.firstMs)),
    ),
    row(
      `first ÷ median of next ${'{K}'} (same image)`,
      each((x) => fmt(x.startup?.firstRatio, 2)),
    ),
    row(
      'warm latency per page, median (ms)',
      each((x) => `${fmt(x.pages?.medianMs)}${x.id === 'tesseract' ? ' †' : ''}`),
    ),
    row(
      'warm latency per page, p95 (ms)',
      each((x) => `${fmt(x.pages?.p95Ms)}${x.id === 'tesseract' ? ' †' : ''}`),
    ),
    row(
      'warm latency per crop, median (ms)',
      each((x) => `${fmt(x.crops?.medianMs, 1)}${x.id === 'tesseract' && x.crops ? ' †' : ''}`),
    ),
    row(
      'throughput, sequential (images/s)',
      each((x) => fmt(x.throughput?.sequential, 2)),
    ),
    row(
      'throughput, 2 in flight (images/s)',
      each((x) => fmt(x.throughput?.inFlight2, 2)),
    ),
    row(
      'peak RSS over the pages (MiB)',
      each((x) => mib(x.memory?.peakPages)),
    ),
    row(
      'RSS at ready (MiB)',
      each((x) => mib(x.startup?.rssAtReady)),
    ),
    row(
      'RSS after 100 → after N requests (MiB)',
      each((x) =>
        x.memory?.rssAt100 !== undefined
          ? `${mib(x.memory.rssAt100)} → ${mib(x.memory.rssAtEnd)} (${x.memory.drift !== undefined ? `${x.memory.drift >= 0 ? '+' : ''}${(x.memory.drift * 100).toFixed(1)} %` : '–'})`
          : '–',
      ),
    ),
    row(
      'peak RSS in the drift run (MiB)',
      each((x) => mib(x.memory?.peakDrift)),
    ),
    row(
      'CER / char F1, all pages of the set',
      each((x) => acc(x, 'allPages')),
    ),
    row(
      'CER / char F1, pages every tool ran',
      each((x) => acc(x, 'pages')),
    ),
    row(
      'exact match, crops every tool ran',
      each((x) => (x.accuracy?.crops ? fmt(x.accuracy.crops.exact, 3) : '–')),
    ),
  ].join('\n');
}

function splitTable(run: BenchFigures): string {
  const s = run.tools.find((t) => t.id === 'lantern')?.split;
  if (!s) return '_Lantern OCR was not in this run._';
  const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
  return [
    '| decode | det | cls | rec | other | IPC | pipeline total | inside onnxruntime | outside onnxruntime (pipeline) | outside onnxruntime (with IPC) |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${[s.decode, s.det, s.cls, s.rec, s.other, s.ipc, s.total, s.ort].map((v) => fmt(v, 1)).join(' | ')} | ${pct(s.outsideOrtShare)} | ${pct(s.outsideOrtShareWithIpc)} |`,
  ].join('\n');
}

function ratiosTable(run: BenchFigures): string {
  const r = run.ratios;
  const lines: [string, string][] = [];
  const x = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
  for (const p of run.tools.filter((t) => t.id === 'gutenye' || t.id === 'ppu')) {
    lines.push([`warm median latency ÷ ${p.name}`, x(r[`warmMedianVs_${p.id}`])]);
    lines.push([`throughput (best) ÷ ${p.name}`, x(r[`throughputVs_${p.id}`])]);
    lines.push([`time to ready ÷ ${p.name}`, x(r[`readyVs_${p.id}`])]);
    lines.push([`peak RSS over the pages ÷ ${p.name}`, x(r[`peakRssVs_${p.id}`])]);
  }
  if (r.warmMedianVs_tesseract_englishPages !== undefined) {
    lines.push([
      'warm median latency on the English pages ÷ tesseract.js',
      x(r.warmMedianVs_tesseract_englishPages),
    ]);
    lines.push([
      'sequential throughput ÷ tesseract.js (different page sets)',
      x(r.throughputSequentialVs_tesseract),
    ]);
  }
  return ['| Lantern OCR … | ratio |', '|---|---:|', ...lines.map(([a, b]) => `| ${a} | ${b} |`)].join('\n');
}

function targetsTable(run: BenchFigures): string {
  return [
    '| target (issues 7, 30) | measured in this run | met |',
    '|---|---|:---:|',
    ...run.targets.map(
      (t) =>
        `| ${t.target} | ${t.measured}${t.note ? ` (${t.note})` : ''} | ${t.met === undefined ? '?' : t.met ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
}

function observations(run: BenchFigures): string[] {
  const L = run.tools.find((t) => t.id === 'lantern');
  const out: string[] = [];
  if (!L) return out;
  const st = L.startup;
  if (st?.loadMs !== undefined && st.warmupMs !== undefined) {
    const rest = st.readyMs - st.loadMs - st.warmupMs;
    out.push(
      `Time to ready (${fmt(st.readyMs)} ms) = model load ${fmt(st.loadMs)} ms + warm-up ${fmt(st.warmupMs)} ms + ${fmt(rest)} ms of process start, module loading and manifest/sha256 checks (the worker's own clock says ${fmt(st.readySelfMs)} ms).`,
    );
  }
  const s = L.split;
  if (s) {
    const parts = [
      ['det', s.det],
      ['rec', s.rec],
      ['cls', s.cls],
      ['decode', s.decode],
      ['other', s.other],
      ['IPC', s.ipc],
    ] as const;
    const sorted = [...parts].sort((a, b) => b[1] - a[1]);
    out.push(
      `Warm time per page goes mostly to ${sorted
        .slice(0, 3)
        .map(([k, v]) => `${k} (${fmt(v)} ms)`)
        .join(
          ', ',
        )}; ${fmt(s.ort)} ms of the median ${fmt(s.total)} ms pipeline total is inside onnxruntime.`,
    );
  }
  const tp = L.throughput;
  if (tp)
    out.push(
      `The throughput run sends Lantern OCR two requests in flight (${tp.inFlight2Mode ?? '–'}), which the engine worker runs side by side on its two lanes (\`lanes\` auto on 2+ cores: while both are busy each runs on half the cores; docs/engine.md); that run and the sequential figure come from different phases of the run, so load from other users can move one and not the other (compare tools within a row, not rows).`,
    );
  return out;
}

/** The whole results page. */
/** Pages a tool reads in one turn of the throughput phase: the bench runs it and the results page says it. */
export const throughputChunkSize = (quick: boolean): number => (quick ? 4 : 16);

export function resultsMarkdown(run: BenchFigures, ctx: ResultsContext): string {
  const m = run.machine;
  const versions = [
    ...run.tools.map((t) => `${t.name} ${t.version}`),
    `onnxruntime-node ${packageVersion('onnxruntime-node')}`,
    `sharp ${packageVersion('sharp')}`,
  ];
  const errors = run.tools.flatMap((t) => t.errors.map((e) => `${t.name}: ${e}`));
  const accRuns = run.tools
    .filter((t) => t.accuracy)
    .map((t) => ({ name: t.name, scores: t.accuracy!.sources }));
  return `# Benchmark: Lantern OCR against its peers

Measured ${run.date.slice(0, 16).replace('T', ' ')} UTC by \`npm run -s bench${ctx.args.length ? ` -- ${ctx.args.join(' ')}` : ''}\` (**${run.mode} run**, ${run.wallS.toFixed(0)} s${run.commit ? `, at ${run.commit}` : ''}).

- **Machine**: ${m.cpu}, ${m.cores} cores (\`os.cpus()\`; ${m.vector}), ${m.memGiB} GiB, ${m.os}, Node ${m.node}. Load average ${m.loadBefore.map((l) => l.toFixed(2)).join(' / ')} at the start and ${m.loadAfter.map((l) => l.toFixed(2)).join(' / ')} at the end (1 / 5 / 15 min).
- **GPU**: ${run.gpu} Figures from a GPU machine: \`test/bench/h200/\`.
- **Versions**: ${versions.join('; ')}.
- **Images** (\`${ctx.evalDir}\`, set \`${run.imageSet}\`): pages ${run.pageSources.join(', ') || '–'}; crops ${run.cropSources.join(', ') || '–'}. ${ctx.quick ? 'Quick mode keeps the smallest files of each source. ' : ''}tesseract.js runs the English sources only (†: its medians are over fewer pages).
- **Repetitions**: ${run.reps} per page for warm latency; start-up ${run.tools[0]?.startup?.rounds ?? 0} round(s) per tool; drift ${ctx.driftN} requests.

Other work may share these cores (see the load averages), so absolute times are noisy. Every comparison below is a ratio measured in this run, with the tools alternated request by request (warm latency) or process by process (start-up, throughput, drift).

![latency and throughput](latency.svg)

## Summary

${summaryTable(run).replace('{K}', String(ctx.nextK))}

## Targets

${targetsTable(run)}

${observations(run)
  .map((o) => `- ${o}`)
  .join('\n')}

## Ratios (same run)

${ratiosTable(run)}

## Lantern OCR: where the warm time goes (median ms per page)

${splitTable(run)}

"Decode" includes the resize to the detector's input (one step with the decode: \`decodePage\`); "det" is the detector's normalisation, run and box finding; "rec" includes cutting the crops. "Other" is pipeline time outside decode/det/cls/rec (cropping order, reading order, result building); IPC is the round trip seen by the caller minus the pipeline total (structured-clone transfer of the image bytes and the result). "Inside onnxruntime" is \`OcrPipeline.lastRun.ortMs\`; the shares are Σ over all warm requests.

## Accuracy of this run

The predictions of the warm run's first repetition, scored by \`app/eval\` exactly as \`npm run -s eval\` does (CER / char F1 / line recall on pages, exact match on crops). The full-set comparison is in \`models/accuracy.md\` (\`npm run -s accuracy\`).

${accRuns.length ? scoreTable(accRuns) : '_none_'}

${run.capture ? `${captureSection(run.capture, `in this run (${run.provider})`)}\n\n` : ''}## How each tool is configured

${TOOL_CONFIG_NOTES.map((n) => `- ${n}`).join('\n')}

## Method

1. **Start-up** (${run.tools[0]?.startup?.rounds ?? 0} round(s), tool order rotated each round): a fresh child process per tool; _time to ready_ is fork() → the ready message, seen by the parent. Lantern OCR runs ${run.enginePath ? `its engine worker \`${run.enginePath}\` (\`LANTERN_PROVIDER=${run.provider}\`), which loads the models and warms up before it reports \`ready\` over the engine protocol` : 'in the benchmark host (the engine worker bundle was not built), loading and warming up before it reports ready'}; the peers run in \`test/bench/host.ts\` (bundled with esbuild like the engine, each tool's code in its own chunk) and are ready when their models are loaded. Then the _first request_ and ${ctx.nextK} more on the same image, one image per round (${ctx.firstImages.map((f) => `\`${f}\``).join(', ')}: a photo, a receipt, a scan and a sign, so no one image's size decides it); the ratio is first ÷ median of those, and the figure is its median over rounds.
2. **Warm latency**: one resident host per tool (Lantern OCR in-process here, for the onnxruntime time, with the malloc settings its engine worker gets: \`GLIBC_TUNABLES=glibc.malloc.arena_max=1\` on Linux), one unmeasured request first, then every page sent to each tool in turn (the order rotated per image and repetition), ${run.reps} repetitions; per-page median over repetitions, then median and p95 over pages. Times are round trips seen by the parent (IPC included for every tool alike). Crops once each, after the pages.
3. **Throughput**: a fresh process per tool (all resident together), one unmeasured request each, then the page set in chunks of ${throughputChunkSize(ctx.quick)} that the tools take in turn (order rotated per chunk), two requests in flight, images ÷ Σ chunk times; _sequential_ is pages ÷ Σ per-page warm medians. The better of the two counts. Lantern OCR runs its engine worker here, so whatever concurrency the worker gains shows up in this figure.
4. **Memory**: peak RSS (VmHWM) of the warm-run process after the pages; the drift run is a fresh process per tool (Lantern OCR: the engine worker; the four run side by side, only memory is read) answering ${ctx.driftN} sequential requests on the engine's small self-test image (320×48 px), RSS read from \`/proc/<pid>/status\` every 100.
5. **Accuracy**: the warm run's own predictions (above), so speed is never read apart from errors.
${errors.length ? `\n## Errors during the run\n\n${errors.map((e) => `- ${e}`).join('\n')}\n` : ''}`;
}
