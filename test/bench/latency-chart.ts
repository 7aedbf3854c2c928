/** A hand-written SVG chart of one run: warm median latency and throughput per tool as horizontal bars. */
import type { BenchFigures, ToolFigures } from './figures';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Bar {
  readonly label: string;
  readonly value: number;
  readonly text: string;
  readonly lantern: boolean;
  readonly note?: string;
}

const W = 760;
const LABEL_W = 190;
const BAR_MAX = 340;
const ROW_H = 30;

function panel(
  title: string,
  subtitle: string,
  bars: readonly Bar[],
  y0: number,
): { svg: string; height: number } {
  const max = Math.max(...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)), 1e-9);
  const parts = [
    `<text x="16" y="${y0 + 20}" class="title">${esc(title)}</text>`,
    `<text x="16" y="${y0 + 38}" class="sub">${esc(subtitle)}</text>`,
  ];
  bars.forEach((b, i) => {
    const y = y0 + 52 + i * ROW_H;
    const w = Number.isFinite(b.value) ? Math.max(2, (b.value / max) * BAR_MAX) : 0;
    parts.push(
      `<text x="${LABEL_W - 8}" y="${y + 15}" class="label" text-anchor="end">${esc(b.label)}</text>`,
      `<rect x="${LABEL_W}" y="${y + 2}" width="${w.toFixed(1)}" height="${ROW_H - 10}" rx="3" class="${b.lantern ? 'ours' : 'peer'}"/>`,
      `<text x="${(LABEL_W + w + 6).toFixed(1)}" y="${y + 15}" class="value">${esc(b.text)}${b.note ? ` <tspan class="note">${esc(b.note)}</tspan>` : ''}</text>`,
    );
  });
  return { svg: parts.join('\n  '), height: 52 + bars.length * ROW_H + 12 };
}

const englishOnly = (t: ToolFigures) => t.id === 'tesseract';

/** The SVG document for a run. */
export function latencyChart(run: BenchFigures): string {
  const tools = run.tools.filter((t) => t.pages);
  const lat: Bar[] = tools.map((t) => ({
    label: t.name,
    value: t.pages!.medianMs,
    text: `${t.pages!.medianMs.toFixed(0)} ms (p95 ${t.pages!.p95Ms.toFixed(0)})`,
    lantern: t.id === 'lantern',
    ...(englishOnly(t) ? { note: 'English pages only' } : {}),
  }));
  const thr: Bar[] = tools
    .filter((t) => t.throughput)
    .map((t) => ({
      label: t.name,
      value: t.throughput!.best,
      text: `${t.throughput!.best.toFixed(2)} images/s`,
      lantern: t.id === 'lantern',
      ...(englishOnly(t) ? { note: 'English pages only' } : {}),
    }));
  const a = panel(
    'Warm latency per full-page image, median (shorter is better)',
    `${run.pageSources.join(', ')}; ${run.reps} repetitions, tools alternated image by image`,
    lat,
    56,
  );
  const b = panel(
    'Batch throughput over the page set (longer is better)',
    'best of sequential and two requests in flight, same machine, same run',
    thr,
    56 + a.height,
  );
  const h = 56 + a.height + b.height + 24;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif">
  <style>
    .title { font-size: 15px; font-weight: 600; fill: #1a202c; }
    .sub { font-size: 11px; fill: #718096; }
    .label { font-size: 13px; fill: #2d3748; }
    .value { font-size: 12px; fill: #2d3748; }
    .note { font-size: 11px; fill: #a0aec0; }
    .ours { fill: #dd6b20; }
    .peer { fill: #90a4c0; }
  </style>
  <rect width="100%" height="100%" fill="#ffffff"/>
  <text x="16" y="26" class="title" style="font-size:18px">Lantern OCR vs peers: ${esc(run.mode)} run, ${esc(run.date.slice(0, 10))}</text>
  <text x="16" y="44" class="sub">${esc(`${run.machine.cpu} (${run.machine.vector}), ${run.machine.cores} cores, CPU only; Node ${run.machine.node}; load average ${run.machine.loadBefore.map((l) => l.toFixed(2)).join(' ')} at start`)}</text>
  ${a.svg}
  ${b.svg}
  <text x="16" y="${h - 10}" class="sub">Numbers are noisy on this shared machine: compare ratios within the run (test/bench/results.md).</text>
</svg>
`;
}
