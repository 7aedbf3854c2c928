/** The bench's targets (issue 7's, with issue 30's tighter speed bars), checked against one run's figures, and the ratios behind them (all measured in the same run). */
import type { TargetFigure, ToolFigures } from './figures';
import { median, ratio } from './stats';

const SAME_MODEL_PEERS = ['gutenye', 'ppu'] as const;

/** Median over images both tools ran of a's per-image time over b's. */
function perImageRatio(a: ToolFigures, b: ToolFigures): number {
  const pa = a.pages?.perImage ?? {};
  const pb = b.pages?.perImage ?? {};
  return median(
    Object.keys(pb)
      .filter((k) => k in pa)
      .map((k) => pa[k]! / pb[k]!),
  );
}

/** Median of a's per-image times over the images b ran (e.g. Lantern on tesseract.js's English pages). */
function medianOver(a: ToolFigures, b: ToolFigures): number {
  const pa = a.pages?.perImage ?? {};
  return median(
    Object.keys(b.pages?.perImage ?? {})
      .filter((k) => k in pa)
      .map((k) => pa[k]!),
  );
}

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '–');
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : '–');
const check = (v: number, ok: (v: number) => boolean) => (Number.isFinite(v) ? ok(v) : undefined);
/** A figure with `digits` decimals, or "–" when the run has none (a run without peers, say). */
const num = (v: number | undefined, digits = 0) =>
  v !== undefined && Number.isFinite(v) ? v.toFixed(digits) : '–';

/** The ratios of the run and the verdict on each target. */
export function evaluateTargets(tools: readonly ToolFigures[]): {
  ratios: Record<string, number>;
  targets: TargetFigure[];
} {
  const L = tools.find((t) => t.id === 'lantern');
  const peers = tools.filter((t) => (SAME_MODEL_PEERS as readonly string[]).includes(t.id));
  const tess = tools.find((t) => t.id === 'tesseract');
  const ratios: Record<string, number> = {};
  const targets: TargetFigure[] = [];
  if (!L) return { ratios, targets };

  const fastest = peers.filter((p) => p.pages).sort((a, b) => a.pages!.medianMs - b.pages!.medianMs)[0];
  const quickest = peers
    .filter((p) => p.throughput)
    .sort((a, b) => b.throughput!.best - a.throughput!.best)[0];
  ratios.warmMedianVsFastestPeer = ratio(L.pages?.medianMs, fastest?.pages?.medianMs);
  ratios.warmPerImageVsFastestPeer = fastest ? perImageRatio(L, fastest) : NaN;
  ratios.warmP95VsFastestPeer = ratio(L.pages?.p95Ms, fastest?.pages?.p95Ms);
  ratios.throughputVsFastestPeer = ratio(L.throughput?.best, quickest?.throughput?.best);
  ratios.firstRequestVsWarm = L.startup?.firstRatio ?? NaN;
  ratios.readyMs = L.startup?.readyMs ?? NaN;
  ratios.outsideOrtShare = L.split?.outsideOrtShare ?? NaN;
  ratios.outsideOrtShareWithIpc = L.split?.outsideOrtShareWithIpc ?? NaN;
  const medianImageShare = L.split?.outsideOrtShareMedianImage;
  if (medianImageShare !== undefined) ratios.outsideOrtShareMedianImage = medianImageShare;
  ratios.rssDrift = L.memory?.drift ?? NaN;
  for (const p of peers) {
    ratios[`warmMedianVs_${p.id}`] = ratio(L.pages?.medianMs, p.pages?.medianMs);
    ratios[`throughputVs_${p.id}`] = ratio(L.throughput?.best, p.throughput?.best);
    ratios[`readyVs_${p.id}`] = ratio(L.startup?.readyMs, p.startup?.readyMs);
    ratios[`peakRssVs_${p.id}`] = ratio(L.memory?.peakPages, p.memory?.peakPages);
  }
  if (tess?.pages) {
    ratios.warmMedianVs_tesseract_englishPages = ratio(medianOver(L, tess), tess.pages.medianMs);
    ratios.throughputSequentialVs_tesseract = ratio(L.throughput?.sequential, tess.throughput?.sequential);
  }

  const peerName = (p?: ToolFigures) => p?.name ?? 'no peer';
  let v = ratios.warmMedianVsFastestPeer!;
  targets.push({
    target: 'warm latency per full-page image, median ≤ 0.5× the fastest same-model peer',
    measured: `${x(v)} of ${peerName(fastest)} (${num(L.pages?.medianMs)} vs ${num(fastest?.pages?.medianMs)} ms; per-image median ratio ${x(ratios.warmPerImageVsFastestPeer!)})`,
    value: v,
    met: check(v, (r) => r <= 0.5),
  });
  v = ratios.throughputVsFastestPeer!;
  targets.push({
    target: 'batch throughput ≥ 2.5× the fastest same-model peer',
    measured: `${x(v)} of ${peerName(quickest)} (${num(L.throughput?.best, 2)} vs ${num(quickest?.throughput?.best, 2)} images/s)`,
    value: v,
    met: check(v, (r) => r >= 2.5),
  });
  v = ratios.firstRequestVsWarm!;
  targets.push({
    target: 'first request after ready ≤ 1.1× the warm median',
    measured: `${x(v)} (${L.startup?.firstMs.toFixed(0)} ms vs ${L.startup?.nextMedianMs.toFixed(0)} ms, ${L.startup?.process})`,
    value: v,
    met: check(v, (r) => r <= 1.1),
  });
  v = ratios.readyMs!;
  targets.push({
    target: 'time to ready from process start < 1.0 s on CPU (load + warm-up)',
    measured: `${Number.isFinite(v) ? (v / 1000).toFixed(2) : '–'} s (${L.startup?.process}${L.startup?.loadMs !== undefined ? `; model load ${L.startup.loadMs.toFixed(0)} ms, warm-up ${L.startup.warmupMs?.toFixed(0)} ms` : ''})`,
    value: v,
    met: check(v, (r) => r < 1000),
  });
  // The target counts IPC among "our time" (decode, pre/post-processing, IPC), so it is judged with IPC included.
  v = ratios.outsideOrtShareWithIpc!;
  targets.push({
    target: 'time outside onnxruntime run() < 15 % of the total per image (decode, pre/post-processing, IPC)',
    measured: `${pct(v)} with IPC (Σ over all requests); ${pct(ratios.outsideOrtShare!)} in the pipeline alone${medianImageShare === undefined ? '' : `; the median image's own share ${pct(medianImageShare)}`}`,
    value: v,
    met: check(v, (r) => r < 0.15),
  });
  v = ratios.rssDrift!;
  targets.push({
    target: `RSS after ${L.memory?.requests ?? 1000} requests within 10 % of RSS after 100`,
    measured: `${Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${pct(v)}` : '–'}`,
    value: v,
    met: check(v, (r) => Math.abs(r) <= 0.1),
    ...(L.memory && L.memory.requests < 1000
      ? { note: `only ${L.memory.requests} requests in this mode` }
      : {}),
  });
  const la = L.accuracy?.allPages;
  const bestCer = Math.min(...peers.map((p) => p.accuracy?.allPages?.cer ?? Infinity));
  const bestF1 = Math.max(...peers.map((p) => p.accuracy?.allPages?.charF1 ?? -Infinity));
  const bestExact = Math.max(...peers.map((p) => p.accuracy?.crops?.exact ?? -Infinity));
  const le = L.accuracy?.crops?.exact;
  const accOk =
    la && Number.isFinite(bestCer)
      ? la.cer <= bestCer + 1e-9 && la.charF1 >= bestF1 - 1e-9 && (le === undefined || le >= bestExact - 1e-9)
      : undefined;
  targets.push({
    target: 'accuracy no worse than the best same-model peer on the same images',
    measured: la
      ? `CER ${la.cer.toFixed(4)} (best peer ${num(bestCer, 4)}), char F1 ${la.charF1.toFixed(4)} (best peer ${num(bestF1, 4)})${le !== undefined ? `, crops exact ${le.toFixed(3)} (best peer ${num(bestExact, 3)})` : ''}`
      : '–',
    value: la ? la.cer - bestCer : NaN,
    met: accOk,
  });
  return { ratios, targets };
}
