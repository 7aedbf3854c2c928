/**
 * Column detection for reading order (a guarded XY-cut): a page is cut into bands at large vertical whitespace, and a
 * band into columns at a vertical whitespace gap — but only when the two sides do not line up row by row, because
 * aligned sides are a table (receipts, forms), which reads row by row, not column by column (unless both sides are
 * running text: magazine columns in the same leading line up too, but have no side of short cells) — and only when each side
 * holds at least three lines: two stacked lines beside a block are a second sign or a caption in a photo, which people
 * (and the annotators of ReCTS) read in row order.
 */

/** An axis-aligned box with its payload. */
export interface Box<T> {
  readonly value: T;
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** Fewest lines on each side of a gap for the sides to be read as columns. */
const MIN_COLUMN_LINES = 3;

/** Median line width, in line heights, above which a side is running text (about 15 characters and more). */
const PROSE_LINE_HEIGHTS = 8;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

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

/** The widest horizontal gap (no box spans it) wider than `minGap`, as the x where the right side starts. */
function widestColumnGap<T>(items: readonly Box<T>[], minGap: number): number | null {
  const sorted = [...items].sort((a, b) => a.x0 - b.x0);
  let right = -Infinity;
  let best: { at: number; width: number } | null = null;
  for (const it of sorted) {
    const width = it.x0 - right;
    if (right > -Infinity && width > minGap && (!best || width > best.width)) best = { at: it.x0, width };
    right = Math.max(right, it.x1);
  }
  return best?.at ?? null;
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
 * Text columns set in the same leading line up row by row like a table, but a table has a side of short cells.
 */
function isProse<T>(side: readonly Box<T>[], lineH: number): boolean {
  return median(side.map((b) => b.x1 - b.x0)) >= PROSE_LINE_HEIGHTS * lineH;
}

/** Splits boxes into reading blocks (bands, then non-table columns), in reading order. */
export function readingBlocks<T>(items: readonly Box<T>[], depth = 0): Box<T>[][] {
  if (items.length < 4 || depth > 8) return [[...items]];
  const lineH = Math.max(1, median(items.map((i) => i.y1 - i.y0)));
  const rowsOf = bands(items, 1.2 * lineH);
  if (rowsOf.length > 1) return rowsOf.flatMap((b) => readingBlocks(b, depth + 1));
  const at = widestColumnGap(items, lineH);
  if (at === null) return [[...items]];
  const left = items.filter((i) => i.x0 < at);
  const right = items.filter((i) => i.x0 >= at);
  if (left.length < MIN_COLUMN_LINES || right.length < MIN_COLUMN_LINES) return [[...items]];
  const aligned = rowAlignment(left, right) >= 0.5 || rowAlignment(right, left) >= 0.5;
  if (aligned && !(isProse(left, lineH) && isProse(right, lineH))) return [[...items]];
  return [...readingBlocks(left, depth + 1), ...readingBlocks(right, depth + 1)];
}
