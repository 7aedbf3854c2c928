/**
 * Column detection for reading order (an XY-cut on whitespace gutters): a page is cut into bands at large vertical
 * whitespace, and a band into columns at a vertical gutter: a strip no line (its ink, where the layout knows it)
 * crosses by more than INK_REACH, at least a line height wide or else lined on both sides by the edges of at least
 * three lines — across a narrow magazine gutter the lines nearly touch, so its width alone says little, while a chance
 * gap between unrelated boxes is not lined by many edges. A gutter may be crossed by a few lines (a headline over two
 * columns): the band is then cut above and below them first. The two sides are read as
 * columns unless they line up row by row and one of them is short cells (a table: receipts and forms read row by row),
 * and only when each side holds at least three lines — two stacked lines beside a block are a second sign or a caption
 * in a photo, which people (and the annotators of ReCTS) read in row order — or both sides are running text (a caption
 * beside a text column).
 */
import { median } from './median';

/** An axis-aligned box with its payload. */
export interface Box<T> {
  readonly value: T;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** Fewest lines on each side of a gap (and lining it) for the sides to be read as columns. */
const MIN_COLUMN_LINES = 3;

/** Median line width, in line heights, above which a side is running text (about 15 characters and more). */
const PROSE_LINE_HEIGHTS = 8;

/**
 * How far a line's ink may reach into a gutter, in line heights, and still stand on its side: the ink's ends come from
 * the recogniser's steps (word-spans.ts), a few pixels astray now and then, and a one-em gutter is under a line height.
 */
const INK_REACH = 0.25;

/** Most lines that may cross a gutter (headlines over columns), as a share of the band's lines. */
const MAX_CROSSING_SHARE = 0.1;

/** Cuts at vertical gaps taller than `minGap` where no box spans; returns the bands top to bottom. */
function bands<T>(items: readonly Box<T>[], minGap: number): Box<T>[][] {
  const sorted = [...items].sort((a, b) => a.y0 - b.y0);
  const out: Box<T>[][] = [[]];
  let bottom = -Infinity;
  for (const it of sorted) {
    if (out[out.length - 1]!.length > 0 && it.y0 - bottom > minGap) out.push([]);
    out[out.length - 1]!.push(it);
    bottom = Math.max(bottom, it.y1);
  }
  return out;
}

/** A candidate gutter: the lines left and right of it, the few lines that cross it, and its clear width. */
interface Gutter<T> {
  readonly left: Box<T>[];
  readonly right: Box<T>[];
  readonly crossing: Box<T>[];
  readonly width: number;
}

/**
 * Candidate gutters, best first (uncrossed before crossed, then widest): every stretch of x between box edges that at
 * most `maxCross` boxes cover splits the others into a left and a right side.
 */
function gutters<T>(items: readonly Box<T>[], maxCross: number, reach: number): Gutter<T>[] {
  const xs = [...new Set(items.flatMap((b) => [b.x0, b.x1]))].sort((a, b) => a - b);
  const seen = new Set<string>();
  const out: Gutter<T>[] = [];
  for (let k = 1; k < xs.length; k++) {
    const mid = (xs[k - 1]! + xs[k]!) / 2;
    const crosses = (b: Box<T>) => b.x0 < mid - reach && b.x1 > mid + reach;
    const crossing = items.filter(crosses);
    if (crossing.length > maxCross) continue;
    const left = items.filter((b) => !crosses(b) && b.x0 + b.x1 < 2 * mid);
    const right = items.filter((b) => !crosses(b) && b.x0 + b.x1 >= 2 * mid);
    if (left.length === 0 || right.length === 0) continue;
    const key = `${left.length}:${crossing.length}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const width = Math.min(...right.map((b) => b.x0)) - Math.max(...left.map((b) => b.x1));
    out.push({ left, right, crossing, width });
  }
  return out.sort((a, b) => a.crossing.length - b.crossing.length || b.width - a.width);
}

/** Whether at least MIN_COLUMN_LINES lines of each side have their edge within `reach` of the gutter. */
function lined<T>(g: Gutter<T>, reach: number): boolean {
  const edge0 = Math.max(...g.left.map((b) => b.x1));
  const edge1 = Math.min(...g.right.map((b) => b.x0));
  return (
    g.left.filter((b) => b.x1 >= edge0 - reach).length >= MIN_COLUMN_LINES &&
    g.right.filter((b) => b.x0 <= edge1 + reach).length >= MIN_COLUMN_LINES
  );
}

/** Share of `b`'s boxes that sit on a row of `a`: vertical centres within a fifth of the smaller height (a table row). */
function rowAlignment<T>(a: readonly Box<T>[], b: readonly Box<T>[]): number {
  const cy = (p: Box<T>) => (p.y0 + p.y1) / 2;
  const aligned = b.filter((q) =>
    a.some((p) => Math.abs(cy(p) - cy(q)) <= 0.2 * Math.min(p.y1 - p.y0, q.y1 - q.y0)),
  );
  return b.length === 0 ? 1 : aligned.length / b.length;
}

/**
 * Whether a side reads as running text rather than table cells: its lines are long (median width of many line heights).
 * Text columns set in the same leading line up row by row like a table, but a table has a side of short cells. A line
 * is measured whole: the detector splits a justified line at its widest spaces into boxes as short as a table's cells.
 */
export function isProse<T>(side: readonly Box<T>[], lineH: number): boolean {
  return median(textRuns(side, lineH)) >= PROSE_LINE_HEIGHTS * lineH;
}

/** Widest space of a justified line, in line heights; table cells on a row stand further apart. */
export const MAX_SPACE = 1.5;

/** The widths of a side's runs of text: boxes on one row (centres inside each other's extent) a space apart. */
function textRuns<T>(side: readonly Box<T>[], lineH: number): number[] {
  const rows: Box<T>[][] = [];
  const cy = (b: Box<T>) => (b.y0 + b.y1) / 2;
  for (const b of [...side].sort((p, q) => cy(p) - cy(q))) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    if (row && first && cy(b) <= first.y1 && cy(first) >= b.y0) row.push(b);
    else rows.push([b]);
  }
  return rows.flatMap((row) => {
    const runs: { x0: number; x1: number }[] = [];
    for (const b of [...row].sort((p, q) => p.x0 - q.x0)) {
      const last = runs[runs.length - 1];
      if (last && b.x0 - last.x1 <= MAX_SPACE * lineH)
        runs[runs.length - 1] = { ...last, x1: Math.max(last.x1, b.x1) };
      else runs.push({ x0: b.x0, x1: b.x1 });
    }
    return runs.map((r) => r.x1 - r.x0);
  });
}

/**
 * Whether the two sides of a gutter are columns: not a table, and not a stray line or two beside a block — unless both
 * sides are running text (a caption beside a column): a line of text never continues across a gutter.
 */
function areColumns<T>(g: Gutter<T>, lineH: number): boolean {
  const prose = isProse(g.left, lineH) && isProse(g.right, lineH);
  const fewer = Math.min(g.left.length, g.right.length);
  const more = Math.max(g.left.length, g.right.length);
  if (fewer < MIN_COLUMN_LINES && !(prose && more >= MIN_COLUMN_LINES && g.width >= lineH)) return false;
  if (g.width < lineH && !lined(g, 1.5 * lineH)) return false;
  const aligned = rowAlignment(g.left, g.right) >= 0.5 || rowAlignment(g.right, g.left) >= 0.5;
  return !aligned || prose;
}

/** Cuts a band above and below the lines crossing a gutter: the part above, the crossing rows, the part below. */
function aroundCrossing<T>(items: readonly Box<T>[], crossing: readonly Box<T>[]): Box<T>[][] {
  const top = Math.min(...crossing.map((b) => b.y0));
  const bottom = Math.max(...crossing.map((b) => b.y1));
  const cy = (b: Box<T>) => (b.y0 + b.y1) / 2;
  return [
    items.filter((b) => cy(b) < top),
    items.filter((b) => cy(b) >= top && cy(b) <= bottom),
    items.filter((b) => cy(b) > bottom),
  ].filter((part) => part.length > 0);
}

/**
 * Vertical whitespace taller than this many line heights, where no line spans, parts two bands: more than a blank line
 * sets two groups of lines apart (paragraph spacing is less), so the gutter cut keeps a column edge across a smaller gap.
 */
export const BAND_GAP = 1.2;

/** Splits boxes into reading blocks (bands, then columns), in reading order. */
export function readingBlocks<T>(items: readonly Box<T>[], depth = 0): Box<T>[][] {
  if (items.length < MIN_COLUMN_LINES + 1 || depth > 12) return [[...items]];
  const lineH = Math.max(1, median(items.map((i) => i.y1 - i.y0)));
  const rowsOf = bands(items, BAND_GAP * lineH);
  if (rowsOf.length > 1) return rowsOf.flatMap((b) => readingBlocks(b, depth + 1));
  const maxCross = Math.floor(MAX_CROSSING_SHARE * items.length);
  for (const g of gutters(items, maxCross, INK_REACH * lineH)) {
    if (!areColumns(g, lineH)) continue;
    if (g.crossing.length === 0)
      return [...readingBlocks(g.left, depth + 1), ...readingBlocks(g.right, depth + 1)];
    const parts = aroundCrossing(items, g.crossing);
    if (parts.length > 1) return parts.flatMap((p) => readingBlocks(p, depth + 1));
  }
  return [[...items]];
}
