/** Markdown tables for accuracy results, one column group per recogniser, measured in one run. */
import os from 'node:os';
import type { ModelPack } from '../models/manifest';
import type { SourceScore } from './evaluate';
import { summarise } from './evaluate';

/** One recogniser's scores per source. */
export interface Run {
  readonly name: string;
  readonly scores: readonly SourceScore[];
}

const f3 = (v: number) => v.toFixed(3);

/** Image-weighted means over several sources, as one row. */
function pool(name: string, list: readonly SourceScore[], isCrops: boolean): SourceScore {
  const n = list.reduce((a, s) => a + s.images, 0);
  const w = (k: 'cer' | 'cerCi' | 'charF1' | 'lineRecall' | 'exact') =>
    n === 0 ? 0 : list.reduce((a, s) => a + s[k] * s.images, 0) / n;
  return {
    ...summarise(name, isCrops, []),
    images: n,
    cer: w('cer'),
    cerCi: w('cerCi'),
    charF1: w('charF1'),
    lineRecall: w('lineRecall'),
    exact: w('exact'),
  };
}

/** Overall means: page sources and crop sources separately (different metrics). */
function overall(scores: readonly SourceScore[], suffix = ''): SourceScore[] {
  const pages = scores.filter((s) => !s.crops);
  const crops = scores.filter((s) => s.crops);
  return [
    ...(pages.length ? [pool(`all pages${suffix}`, pages, false)] : []),
    ...(crops.length ? [pool(`all crops${suffix}`, crops, true)] : []),
  ];
}

/** A table: rows are sources (– where a run skipped one), columns are each run's CER / char F1 / line recall or exact. */
export function scoreTable(runs: readonly Run[]): string {
  const names: string[] = [];
  for (const r of runs) for (const s of r.scores) if (!names.includes(s.source)) names.push(s.source);
  const covers = (r: Run, n: string) => r.scores.some((s) => s.source === n);
  const common = names.filter((n) => runs.every((r) => covers(r, n)));
  // When runs cover different sources, overall rows over the sources all of them ran ("common") are the comparable ones.
  const partial = common.length < names.length;
  const header = `| source | images | ${runs.map((r) => `${r.name}: CER ↓ / CER ci ↓ / char F1 ↑ / line recall ↑ · exact ↑ (crops)`).join(' | ')} |`;
  const sep = `|---|---|${runs.map(() => '---').join('|')}|`;
  const rowsOf = (r: Run): SourceScore[] => [
    ...r.scores,
    ...overall(r.scores),
    ...(partial
      ? overall(
          r.scores.filter((s) => common.includes(s.source)),
          ' (common)',
        )
      : []),
  ];
  const all = runs.map(rowsOf);
  const isCrops = (n: string) => runs.some((r) => r.scores.some((s) => s.source === n && s.crops));
  const overallNames = (list: readonly string[], suffix: string) => [
    ...(list.some((n) => !isCrops(n)) ? [`all pages${suffix}`] : []),
    ...(list.some(isCrops) ? [`all crops${suffix}`] : []),
  ];
  const rowNames = [
    ...names,
    ...overallNames(names, ''),
    ...(partial ? overallNames(common, ' (common)') : []),
  ];
  const body = rowNames.map((name) => {
    const found = all.map((scores) => scores.find((s) => s.source === name));
    const cells = found.map((s) => {
      if (!s) return '–';
      return s.crops
        ? `exact ${f3(s.exact)} (CER ${f3(s.cer)}, ci ${f3(s.cerCi)})`
        : `${f3(s.cer)} / ${f3(s.cerCi)} / ${f3(s.charF1)} / ${f3(s.lineRecall)}`;
    });
    const images = found.find((s) => s !== undefined)?.images ?? '';
    const label = partial && /^all (pages|crops)$/.test(name) ? `${name} (each run's own)` : name;
    return `| ${label} | ${images} | ${cells.join(' | ')} |`;
  });
  return [header, sep, ...body].join('\n');
}

/**
 * CER ci as scored beside CER ci with both sides in one geometric order, for the page sources whose ground truth has
 * boxes: what of the CER is the annotators' listing order rather than reading. Empty when no source has it.
 */
export function orderFreeTable(runs: readonly Run[]): string {
  const names: string[] = [];
  for (const r of runs)
    for (const s of r.scores)
      if (s.cerCiOrdered !== undefined && !names.includes(s.source)) names.push(s.source);
  if (names.length === 0) return '';
  const header = `| source | images | ${runs.map((r) => `${r.name}: CER ci ↓ as listed / in one order`).join(' | ')} |`;
  const sep = `|---|---|${runs.map(() => '---').join('|')}|`;
  const body = names.map((name) => {
    const found = runs.map((r) => r.scores.find((s) => s.source === name));
    const cells = found.map((s) =>
      s?.cerCiOrdered !== undefined ? `${f3(s.cerCi)} / ${f3(s.cerCiOrdered)}` : '–',
    );
    return `| ${name} | ${found.find((s) => s)?.images ?? ''} | ${cells.join(' | ')} |`;
  });
  return [header, sep, ...body].join('\n');
}

/** The order-free table with the paragraph that says what it is, or nothing. */
function orderFreeSection(runs: readonly Run[]): string {
  const table = orderFreeTable(runs);
  if (table === '') return '';
  return `
**In one order.** Where the ground truth has line boxes, CER ci is also scored with the prediction and the ground
truth each put in one geometric order (rows top to bottom, each left to right; \`geometricText\` in metrics.ts), so
that the annotators' listing order drops out: SROIE's annotators listed some receipts' key-value tables column by
column, which no reading order follows. The scored figure stays the one in the table above.

${table}
`;
}

/** The whole `models/accuracy.md` page. */
export function accuracyMarkdown(
  runs: readonly Run[],
  ctx: { dir: string; pack: ModelPack; notes?: string },
): string {
  return `# Accuracy

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.availableParallelism()} cores), Node ${process.version}, over \`${ctx.dir}\`.
Models: pack \`${ctx.pack.id}\` from \`${ctx.pack.source.npm}@${ctx.pack.source.version}\` (${ctx.pack.files.det.file}, ${ctx.pack.files.cls.file}, ${ctx.pack.files.rec.file}).

Metrics (\`app/eval/metrics.ts\`): text is NFKC-normalised, whitespace runs folded to one space, spaces between CJK characters
removed, middle dots dropped. **CER** is the edit distance of the reading-order page text over the ground-truth length
(lower is better), **CER ci** the same with case ignored (the ICDAR convention; SROIE's annotators upper-cased most
receipts), **char F1** the order-free character overlap, **line recall** the share of ground-truth lines found
verbatim; crop sources are scored by **exact match** (spaces ignored). Predictions centred in do-not-care regions
(\`ignore\` in boxes.json) are not scored. Means are over images.

${scoreTable(runs)}
${orderFreeSection(runs)}${ctx.notes ? `\n${ctx.notes.trim()}\n` : ''}
Regenerate with \`npm run -s accuracy\` (all recognisers, one run) or \`npm run -s eval -- ../shared/eval --write models/accuracy.md\` (Lantern OCR only).
`;
}
