/**
 * Lines the detector merged across a narrow column gutter, cut there. Where two columns' rows sit at the same heights
 * and the gutter is about an em, the detector's grown boxes join a row of the left column and the row beside it into
 * one line; enough such lines cross the gutter that the columns are no longer found, and the page reads row by row
 * across both columns. The gutter is still lined by the aligned edges of the rows the detector kept apart (justified
 * right edges on its left, left edges on its right), and a line of text never continues across a gutter, so a line
 * crossing it on those rows is cut at its word gap on the gutter.
 */
import { isProse, type Box } from './layout-blocks';
import { median } from './median';

/** Fewest lines lining each side of a gutter (as layout-blocks.ts asks of a narrow gutter). */
const MIN_LINED = 3;

/** How far line edges may stray from each other and still line up, in line heights (glyph shapes move box edges). */
const EDGE_SLACK = 0.3;

/** How far the left column's ends may stop short of its furthest end, in line heights (layout-blocks.ts' reach). */
const LINED_REACH = 1.5;

/** Widest gutter the detector merges across, in line heights: wider gutters keep their boxes apart. */
const MAX_GUTTER = 2;

/** A clear strip between two columns (x0: the left column's edge, x1: the right column's), or its shares of a line. */
export interface Gutter {
  readonly x0: number;
  readonly x1: number;
}

/**
 * Cuts a line at its word gap on a gutter, given as shares of the line's width from its left end (so that the caller
 * can find it among its words' spans along the crop), or says it has no word gap there (undefined).
 */
export type CutLine<T> = (value: T, gutter: Gutter) => readonly [T, T] | undefined;

/** How far a row may stray from the next (a gap) or from the columns' line height, in line heights. */
const ROW_SLACK = 0.3;

/**
 * The lines of `spans` on the rows where both columns run: between the tops and bottoms of the lines lining the gutter,
 * and on from there row after row (no paragraph gap, the columns' type size). A headline or an intro in larger type
 * over the columns spans the gutter by design.
 */
function onColumnRows<T>(spans: readonly Box<T>[], lining: readonly Box<T>[], lineH: number): Box<T>[] {
  let top = Math.min(...lining.map((b) => b.y0));
  let bottom = Math.max(...lining.map((b) => b.y1));
  const sameType = spans.filter((b) => Math.abs(b.y1 - b.y0 - lineH) <= ROW_SLACK * lineH);
  const cy = (b: Box<T>) => (b.y0 + b.y1) / 2;
  for (const b of [...sameType].sort((p, q) => p.y0 - q.y0))
    if (cy(b) > bottom && b.y0 - bottom < ROW_SLACK * lineH) bottom = b.y1;
  for (const b of [...sameType].sort((p, q) => q.y1 - p.y1))
    if (cy(b) < top && top - b.y1 < ROW_SLACK * lineH) top = b.y0;
  return sameType.filter((b) => cy(b) >= top && cy(b) <= bottom);
}

/** The first gutter lined on both sides and crossed by lines on its rows, with those lines; undefined when none. */
function crossedGutter<T>(
  items: readonly Box<T>[],
  lineH: number,
): { gutter: Gutter; crossing: Box<T>[] } | undefined {
  const starts = [...new Set(items.map((b) => b.x0))].sort((a, b) => a - b);
  for (const x of starts) {
    const right = items.filter((b) => Math.abs(b.x0 - x) <= EDGE_SLACK * lineH);
    if (right.length < MIN_LINED) continue;
    const edge1 = Math.min(...right.map((b) => b.x0));
    const ends = items.filter((b) => b.x1 < edge1 && b.x1 > edge1 - MAX_GUTTER * lineH);
    if (ends.length === 0) continue;
    const edge0 = Math.max(...ends.map((b) => b.x1));
    const left = ends.filter((b) => b.x1 >= edge0 - LINED_REACH * lineH);
    if (left.length < MIN_LINED) continue;
    // Between columns of running text only: a table's title or a receipt's header spans its short cells by design.
    if (!isProse(left, lineH) || !isProse(right, lineH)) continue;
    const spans = items.filter((b) => b.x0 < edge0 - lineH && b.x1 > edge1 + lineH);
    const crossing = onColumnRows(spans, [...left, ...right], lineH);
    if (crossing.length > 0) return { gutter: { x0: edge0, x1: edge1 }, crossing };
  }
  return undefined;
}

/**
 * The lines with every line crossing a lined gutter cut at it (by `cut`, where the line has a word gap there), in the
 * frame of `boxOf`; the same array when nothing was cut.
 */
export function cutAtGutters<T>(
  values: readonly T[],
  boxOf: (v: T) => { x0: number; x1: number; y0: number; y1: number },
  cut: CutLine<T>,
): readonly T[] {
  let out = values;
  const tried = new Set<T>();
  for (let round = 0; round < 8; round++) {
    const items = out.filter((v) => !tried.has(v)).map((value) => ({ value, ...boxOf(value) }));
    const lineH = Math.max(1, median(items.map((b) => b.y1 - b.y0)));
    const found = crossedGutter(items, lineH);
    if (!found) return out;
    const parts = new Map<T, readonly [T, T]>();
    for (const b of found.crossing) {
      const w = Math.max(1, b.x1 - b.x0);
      const two = cut(b.value, { x0: (found.gutter.x0 - b.x0) / w, x1: (found.gutter.x1 - b.x0) / w });
      if (two) parts.set(b.value, two);
      else tried.add(b.value);
    }
    out = out.flatMap((v) => parts.get(v) ?? [v]);
  }
  return out;
}
