/** Accuracy metrics of the evaluation: normalisation, character error rate, order-free character F1, line recall. */

const CJK = '\\u2e80-\\u2fff\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'gu');

/** NFKC, whitespace runs folded to one space, no spaces between CJK characters, middle dots dropped. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u00b7\u30fb]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(SPACE_BETWEEN_CJK, '');
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  let prev = new Int32Array(y.length + 1);
  let cur = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) prev[j] = j;
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const sub = prev[j - 1]! + (xi === y[j - 1] ? 0 : 1);
      cur[j] = Math.min(sub, prev[j]! + 1, cur[j - 1]! + 1);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length]!;
}

/** Character error rate of a prediction against the ground truth (both normalised first). */
export function cer(pred: string, gt: string): number {
  const p = normalizeText(pred);
  const g = normalizeText(gt);
  return editDistance(p, g) / Math.max(1, Array.from(g).length);
}

/**
 * Case-insensitive CER (the ICDAR convention): both sides lower-cased after normalising, so a receipt annotated in
 * capitals, or a scene word read in another case, is scored on its letters.
 */
export function cerNoCase(pred: string, gt: string): number {
  return cer(pred.toLowerCase(), gt.toLowerCase());
}

/** Order-free character F1 over non-space characters (multiset overlap). */
export function charF1(pred: string, gt: string): number {
  const count = (s: string) => {
    const m = new Map<string, number>();
    for (const ch of normalizeText(s).replace(/\s/gu, '')) m.set(ch, (m.get(ch) ?? 0) + 1);
    return m;
  };
  const p = count(pred);
  const g = count(gt);
  let tp = 0;
  let np = 0;
  let ng = 0;
  for (const v of p.values()) np += v;
  for (const [k, v] of g) {
    ng += v;
    tp += Math.min(v, p.get(k) ?? 0);
  }
  if (np === 0 && ng === 0) return 1;
  if (np === 0 || ng === 0) return 0;
  const precision = tp / np;
  const recall = tp / ng;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Exact match after normalisation, ignoring spaces (for single-word and plate crops). */
export function exactMatch(pred: string, gt: string): boolean {
  const squash = (s: string) => normalizeText(s).replace(/ /gu, '');
  return squash(pred) === squash(gt);
}

/** Share of ground-truth lines found (space-insensitively) in the predicted page text. */
export function lineRecall(predText: string, gtLines: readonly string[]): number {
  const hay = normalizeText(predText).replace(/ /gu, '');
  const lines = gtLines.map((l) => normalizeText(l).replace(/ /gu, '')).filter((l) => l.length > 0);
  if (lines.length === 0) return 1;
  return lines.filter((l) => hay.includes(l)).length / lines.length;
}

/** A line with its box's corners, for scoring in one order whatever order the annotators listed lines in. */
export interface BoxedLine {
  readonly text: string;
  readonly points: readonly (readonly [number, number])[];
}

/**
 * The lines' text in one geometric order: rows top to bottom (a line whose centre lies within a row's height joins
 * it), each left to right. Put on both sides, it takes the annotators' listing order out of the CER: SROIE's boxed
 * some receipts' key-value tables column by column, which no reading order follows.
 */
export function geometricText(lines: readonly BoxedLine[]): string {
  const placed = lines
    .map((l) => {
      const ys = l.points.map((p) => p[1]);
      return {
        text: l.text,
        x0: Math.min(...l.points.map((p) => p[0])),
        y0: Math.min(...ys),
        y1: Math.max(...ys),
      };
    })
    .sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const rows: (typeof placed)[] = [];
  for (const l of placed) {
    const row = rows[rows.length - 1];
    const centre = (l.y0 + l.y1) / 2;
    if (row?.some((o) => centre > o.y0 && centre < o.y1)) row.push(l);
    else rows.push([l]);
  }
  return rows
    .map((r) =>
      r
        .sort((a, b) => a.x0 - b.x0)
        .map((l) => l.text)
        .join(' '),
    )
    .join('\n');
}
