/** Scores a recogniser over evaluation sources: per-image rows and per-source and overall means. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { quadBounds } from '../ocr/geometry';
import type { Quad } from '../ocr/types';
import { insidePolygon, type EvalSource } from './dataset';
import { cer, cerNoCase, charF1, exactMatch, geometricText, lineRecall, type BoxedLine } from './metrics';

/** What any recogniser under evaluation returns for one image. */
export interface Prediction {
  readonly lines: readonly { readonly text: string; readonly box?: Quad }[];
  readonly text: string;
}

/** A recogniser under evaluation (ours or a peer). */
export type Recognizer = (bytes: Uint8Array, file: string) => Promise<Prediction>;

/** Scores of one image. */
export interface ImageRow {
  readonly source: string;
  readonly image: string;
  readonly cer: number;
  /** CER with case ignored (ICDAR convention). */
  readonly cerCi: number;
  /** CER ci with both sides in one geometric order (metrics.ts geometricText), where both have boxes. */
  readonly cerCiOrdered?: number;
  readonly charF1: number;
  readonly lineRecall: number;
  readonly exact: boolean;
  readonly ms: number;
  readonly error?: string;
}

/** Means over the images of a source (or over all sources). */
export interface SourceScore {
  readonly source: string;
  readonly crops: boolean;
  readonly images: number;
  readonly cer: number;
  /** Case-insensitive CER. */
  readonly cerCi: number;
  /** Case-insensitive CER in one geometric order, when every image of the source could be scored so. */
  readonly cerCiOrdered?: number;
  readonly charF1: number;
  readonly lineRecall: number;
  readonly exact: number;
  readonly msMedian: number;
}

/** The predicted lines not centred in a do-not-care region. */
function scoredLines(pred: Prediction, ignore: EvalSource['items'][number]['ignore']): Prediction['lines'] {
  return pred.lines.filter((l) => {
    if (!l.box) return true;
    const b = quadBounds(l.box);
    return !ignore.some((poly) => insidePolygon(poly, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2));
  });
}

/** CER ci of the scored `lines` and the ground truth in one geometric order, when both sides have every line's box. */
function orderedCer(lines: Prediction['lines'], item: EvalSource['items'][number]): number | undefined {
  const { boxed } = item;
  if (!boxed || boxed.length !== item.gtLines.length || lines.some((l) => !l.box)) return undefined;
  const predBoxed: BoxedLine[] = lines.map((l) => ({ text: l.text, points: l.box! }));
  return cerNoCase(geometricText(predBoxed), geometricText(boxed));
}

const mean = (xs: readonly number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s[Math.floor(s.length / 2)]!;
};

/** Runs the recogniser over every image and scores it; `onRow` sees each row as it is done. */
export async function evaluate(
  sources: readonly EvalSource[],
  recognize: Recognizer,
  onRow?: (r: ImageRow) => void,
): Promise<{ rows: ImageRow[]; sources: SourceScore[] }> {
  const rows: ImageRow[] = [];
  const scores: SourceScore[] = [];
  for (const src of sources) {
    const srcRows: ImageRow[] = [];
    for (const item of src.items) {
      const gt = item.gtLines.join('\n');
      const t = performance.now();
      let row: ImageRow;
      try {
        const pred = await recognize(await readFile(item.image), item.image);
        const ms = performance.now() - t;
        // Lines centred in a do-not-care region are not scored; the text is rebuilt from the rest.
        const lines = scoredLines(pred, item.ignore);
        const text = item.ignore.length === 0 ? pred.text : lines.map((l) => l.text).join('\n');
        const ordered = src.crops ? undefined : orderedCer(lines, item);
        row = {
          source: src.name,
          image: path.basename(item.image),
          cer: cer(text, gt),
          cerCi: cerNoCase(text, gt),
          ...(ordered !== undefined ? { cerCiOrdered: ordered } : {}),
          charF1: charF1(text, gt),
          lineRecall: lineRecall(text, item.gtLines),
          exact: exactMatch(text, gt),
          ms,
        };
      } catch (err) {
        row = {
          source: src.name,
          image: path.basename(item.image),
          cer: 1,
          cerCi: 1,
          charF1: 0,
          lineRecall: 0,
          exact: false,
          ms: performance.now() - t,
          error: String(err),
        };
      }
      srcRows.push(row);
      onRow?.(row);
    }
    rows.push(...srcRows);
    scores.push(summarise(src.name, src.crops, srcRows));
  }
  return { rows, sources: scores };
}

/** Aggregates rows into means. */
export function summarise(source: string, crops: boolean, rows: readonly ImageRow[]): SourceScore {
  const ordered = rows.flatMap((r) => (r.cerCiOrdered !== undefined && !r.error ? [r.cerCiOrdered] : []));
  return {
    source,
    crops,
    images: rows.length,
    cer: mean(rows.map((r) => r.cer)),
    cerCi: mean(rows.map((r) => r.cerCi)),
    ...(rows.length > 0 && ordered.length === rows.length ? { cerCiOrdered: mean(ordered) } : {}),
    charF1: mean(rows.map((r) => r.charF1)),
    lineRecall: mean(rows.map((r) => r.lineRecall)),
    exact: mean(rows.map((r) => (r.exact ? 1 : 0))),
    msMedian: median(rows.map((r) => r.ms)),
  };
}
