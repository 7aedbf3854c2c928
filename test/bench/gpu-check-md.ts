/** The GPU check's figures and its results page, in the layout of test/bench/results.md. */
import { editDistance } from '../../app/eval/metrics';
import type { StepTimings } from '../../app/ocr/types';
import { fmt, median, percentile, ratio, sum } from './stats';

/** One warm request's step times and its time inside onnxruntime (ms). */
export type StepRun = StepTimings & { readonly ort: number };

/** One setup's warm pages, every repetition, and its text from the first. */
export interface LaneRun {
  readonly name: string;
  readonly provider: string;
  readonly shapes: string;
  readonly readyMs: number;
  readonly pages: readonly {
    readonly image: string;
    readonly reps: readonly StepRun[];
    readonly text: string;
  }[];
}

/** One setup's fresh engine starts. */
export interface StartLane {
  readonly name: string;
  readonly runs: readonly {
    readonly image: string;
    readonly provider: string;
    readonly readyMs: number;
    readonly loadMs: number;
    readonly warmupMs: number;
    readonly firstMs: number;
    readonly warmMs: number;
    readonly firstSplit: StepTimings;
    readonly warmSplit: StepTimings;
  }[];
}

/** Everything one run of the check measured. */
export interface CheckRun {
  readonly startedAt: string;
  readonly seconds: number;
  readonly command: string;
  readonly machine: string;
  readonly gpus: readonly string[];
  readonly reps: number;
  readonly lanes: readonly LaneRun[];
  readonly starts: readonly StartLane[];
}

const STEPS = ['decode', 'det', 'cls', 'rec', 'ort'] as const;

/** A lane's page figures: per-page medians, then medians over pages, and the share outside onnxruntime. */
export function laneFigures(lane: LaneRun) {
  const perPage = lane.pages.map((p) => median(p.reps.map((r) => r.total)));
  const step = (k: (typeof STEPS)[number]) => median(lane.pages.map((p) => median(p.reps.map((r) => r[k]))));
  const all = lane.pages.flatMap((p) => p.reps);
  return {
    perPage,
    median: median(perPage),
    p95: percentile(perPage, 95),
    split: Object.fromEntries(STEPS.map((k) => [k, step(k)])) as Record<(typeof STEPS)[number], number>,
    outside: 1 - sum(all.map((r) => r.ort)) / sum(all.map((r) => r.total)),
  };
}

/** How a lane's texts compare with a reference lane's: pages identical, and edit distance over reference chars. */
export function textAgreement(lane: LaneRun, ref: LaneRun): { same: number; pages: number; cer: number } {
  const pairs = lane.pages.map((p, i) => [p.text, ref.pages[i]!.text] as const);
  const dist = sum(pairs.map(([a, b]) => editDistance(a, b)));
  return {
    same: pairs.filter(([a, b]) => a === b).length,
    pages: pairs.length,
    cer: dist / Math.max(1, sum(pairs.map(([, b]) => b.length))),
  };
}

/** A start lane's first ÷ warm ratios (median and worst) and its ready median. */
export function startFigures(lane: StartLane) {
  const ratios = lane.runs.map((r) => r.firstMs / r.warmMs);
  return {
    ratios,
    median: median(ratios),
    max: Math.max(...ratios),
    ready: median(lane.runs.map((r) => r.readyMs)),
  };
}

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], align: string, rows: readonly (readonly string[])[]) =>
  [row(head), row(head.map((_, i) => (i === 0 ? '---' : align))), ...rows.map(row)].join('\n');

/** The results page: summary, targets, fresh starts, then every page. */
export function gpuCheckMarkdown(run: CheckRun): string {
  const cpu = run.lanes.find((l) => l.name === 'cpu')!;
  const figs = run.lanes.map(laneFigures);
  const cpuFig = laneFigures(cpu);
  const gpu = run.lanes[0]!;
  const gpuFig = figs[0]!;
  const starts = run.starts.map(startFigures);
  const gpuStarts = starts[0]!;
  const pageRatio = ratio(gpuFig.median, cpuFig.median);
  const perImage = median(gpuFig.perPage.map((v, i) => v / cpuFig.perPage[i]!));
  const lines = [
    `# GPU check: Lantern OCR on ${gpu.name} against the same machine's CPU`,
    '',
    `Measured ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC by \`${run.command}\` (${run.seconds.toFixed(0)} s).`,
    '',
    `- **Machine**: ${run.machine}.`,
    `- **GPU**: ${run.gpus.length ? run.gpus.join('; ') : 'none found (no `nvidia-smi`)'}; ${gpu.name} ran on: ${gpu.provider}.`,
    `- **Images**: ${gpu.pages.length} pages, ${run.reps} repetitions each, the setups alternated page by page in one process; fresh starts: one image each (${gpuStarts.ratios.length} for ${gpu.name}).`,
    '',
    '## Summary',
    '',
    table(['', ...run.lanes.map((l) => `${l.name} (${l.shapes} shapes)`)], '---:', [
      ['ran on', ...run.lanes.map((l) => l.provider)],
      ['warm latency per page, median / p95 (ms)', ...figs.map((f) => `${fmt(f.median)} / ${fmt(f.p95)}`)],
      [
        '÷ CPU (ratio of medians; median per-page ratio)',
        ...figs.map(
          (f) =>
            `${fmt(ratio(f.median, cpuFig.median), 2)}× ; ${fmt(median(f.perPage.map((v, i) => v / cpuFig.perPage[i]!)), 2)}×`,
        ),
      ],
      [
        'per page (ms): decode / det / cls / rec',
        ...figs.map((f) =>
          [f.split.decode, f.split.det, f.split.cls, f.split.rec].map((v) => fmt(v, 1)).join(' / '),
        ),
      ],
      ['inside onnxruntime, per page (ms)', ...figs.map((f) => fmt(f.split.ort, 1))],
      ['outside onnxruntime (Σ share)', ...figs.map((f) => `${fmt(100 * f.outside, 1)} %`)],
      ['load + warm-up in this process (ms)', ...run.lanes.map((l) => fmt(l.readyMs))],
      [
        'text vs CPU: pages identical; edit distance ÷ CPU chars',
        ...run.lanes.map((l) => {
          const t = textAgreement(l, cpu);
          return `${t.same}/${t.pages}; ${fmt(t.cer, 4)}`;
        }),
      ],
    ]),
    '',
    '## Targets',
    '',
    table(['target (issue 30)', 'measured in this run', 'met'], '---', [
      [
        'first request after ready ≤ 1.1× warm on the GPU, 8 fresh starts',
        `median ${fmt(gpuStarts.median, 2)}×, worst ${fmt(gpuStarts.max, 2)}× over ${gpuStarts.ratios.length} starts (${gpu.name})`,
        gpuStarts.ratios.length >= 8 && gpuStarts.median <= 1.1 ? 'yes' : 'no',
      ],
      [
        'GPU page ≤ 0.3× the same machine’s CPU page',
        `${fmt(pageRatio, 2)}× (${fmt(gpuFig.median)} vs ${fmt(cpuFig.median)} ms; per-page median ${fmt(perImage, 2)}×)`,
        pageRatio <= 0.3 ? 'yes' : 'no',
      ],
    ]),
    '',
    '## Fresh starts: first request after ready ÷ median of the next 5 (same image)',
    '',
    table(
      ['setup', 'ready, median (ms)', 'first ÷ warm, median / worst', 'each start'],
      '---:',
      run.starts.map((s, i) => [
        s.name,
        fmt(starts[i]!.ready),
        `${fmt(starts[i]!.median, 2)} / ${fmt(starts[i]!.max, 2)}`,
        starts[i]!.ratios.map((r) => fmt(r, 2)).join(', '),
      ]),
    ),
    '',
    ...run.starts.flatMap((s) => [
      `**${s.name}**: ${s.runs[0]?.provider ?? ''}`,
      '',
      table(
        [
          'image',
          'ready (load + warm-up)',
          'first (ms)',
          'warm (ms)',
          'first: det / cls / rec',
          'warm: det / cls / rec',
        ],
        '---:',
        s.runs.map((r) => [
          r.image,
          `${fmt(r.readyMs)} (${fmt(r.loadMs)} + ${fmt(r.warmupMs)})`,
          fmt(r.firstMs),
          fmt(r.warmMs),
          [r.firstSplit.det, r.firstSplit.cls, r.firstSplit.rec].map((v) => fmt(v)).join(' / '),
          [r.warmSplit.det, r.warmSplit.cls, r.warmSplit.rec].map((v) => fmt(v)).join(' / '),
        ]),
      ),
      '',
    ]),
    '## Per page (median ms; text vs CPU)',
    '',
    table(
      ['page', ...run.lanes.map((l) => l.name)],
      '---:',
      gpu.pages.map((p, i) => [
        p.image,
        ...run.lanes.map((l, k) => {
          const same = l.pages[i]!.text === cpu.pages[i]!.text;
          return `${fmt(figs[k]!.perPage[i])}${same ? '' : ` (Δ ${editDistance(l.pages[i]!.text, cpu.pages[i]!.text)} chars)`}`;
        }),
      ]),
    ),
    '',
  ];
  return lines.join('\n');
}
