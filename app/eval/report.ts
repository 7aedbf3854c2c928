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

/** Overall means: page sources and crop sources separately (different metrics). */
function overall(scores: readonly SourceScore[]): SourceScore[] {
  const pages = scores.filter((s) => !s.crops);
  const crops = scores.filter((s) => s.crops);
  const pool = (name: string, list: readonly SourceScore[], isCrops: boolean): SourceScore => {
    const n = list.reduce((a, s) => a + s.images, 0);
    const w = (k: 'cer' | 'charF1' | 'lineRecall' | 'exact') =>
      n === 0 ? 0 : list.reduce((a, s) => a + s[k] * s.images, 0) / n;
    return {
      ...summarise(name, isCrops, []),
      images: n,
      cer: w('cer'),
      charF1: w('charF1'),
      lineRecall: w('lineRecall'),
      exact: w('exact'),
    };
  };
  return [
    ...(pages.length ? [pool('all pages', pages, false)] : []),
    ...(crops.length ? [pool('all crops', crops, true)] : []),
  ];
}

/** A table: rows are sources, columns are each run's CER / char F1 (pages) or exact match (crops). */
export function scoreTable(runs: readonly Run[]): string {
  const names = runs[0]?.scores.map((s) => s.source) ?? [];
  const header = `| source | images | ${runs.map((r) => `${r.name}: CER ↓ / char F1 ↑ / line recall ↑ · exact ↑ (crops)`).join(' | ')} |`;
  const sep = `|---|---|${runs.map(() => '---').join('|')}|`;
  const all = runs.map((r) => [...r.scores, ...overall(r.scores)]);
  const rowNames = [...names, ...(all[0]?.slice(names.length).map((s) => s.source) ?? [])];
  const body = rowNames.map((name, i) => {
    const cells = all.map((scores) => {
      const s = scores[i];
      if (!s) return '–';
      return s.crops
        ? `exact ${f3(s.exact)} (CER ${f3(s.cer)})`
        : `${f3(s.cer)} / ${f3(s.charF1)} / ${f3(s.lineRecall)}`;
    });
    return `| ${name} | ${all[0]?.[i]?.images ?? ''} | ${cells.join(' | ')} |`;
  });
  return [header, sep, ...body].join('\n');
}

/** The whole `models/accuracy.md` page. */
export function accuracyMarkdown(runs: readonly Run[], ctx: { dir: string; pack: ModelPack }): string {
  return `# Accuracy

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.availableParallelism()} cores), Node ${process.version}, over \`${ctx.dir}\`.
Models: pack \`${ctx.pack.id}\` from \`${ctx.pack.source.npm}@${ctx.pack.source.version}\` (${ctx.pack.files.det.file}, ${ctx.pack.files.cls.file}, ${ctx.pack.files.rec.file}).

Metrics (\`app/eval/metrics.ts\`): text is NFKC-normalised, whitespace runs folded to one space, spaces between CJK characters
removed, middle dots dropped. **CER** is the edit distance of the reading-order page text over the ground-truth length
(lower is better), **char F1** the order-free character overlap, **line recall** the share of ground-truth lines found
verbatim; crop sources are scored by **exact match** (spaces ignored). Predictions centred in do-not-care regions
(\`ignore\` in boxes.json) are not scored. Means are over images.

${scoreTable(runs)}

Regenerate with \`npm run -s accuracy\` (all recognisers, one run) or \`npm run -s eval -- ../shared/eval --write models/accuracy.md\` (Lantern OCR only).
`;
}
