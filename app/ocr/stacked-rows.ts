/**
 * Two rows run together vertically, split again. On a page whose rows the detector's input runs together across
 * narrow gutters (it has faint lines, faint-lines.ts), tight leading closes the gap between rows as well: a box of a
 * row and the one below it comes out about two line heights tall and the recogniser reads one of them. Such a box is
 * detected again at the finer scale around it, and replaced by the rows found inside it when they are two or more,
 * each clearly shorter than the box; a heading in larger type comes out as one row and keeps its box.
 */
import type { DetBox } from './db-postprocess';
import { joinLineBoxes, onPage } from './faint-lines';
import { boxHeight } from './fine-scale';
import { boundsCentre, insideConvex, quadBounds } from './geometry';

/** A box at least this many line heights tall may be two rows: two rows run together are twice a row less overlap. */
const TWO_ROWS = 1.5;
/** Each row found inside is at most this share of the box's height: a row, not the same box found again. */
const ROW_SHARE = 0.75;

/** Whether a box is tall enough to hold two rows and long like a row of text (at least 3 of its heights long). */
export function mayHoldTwoRows(box: DetBox, lineH: number): boolean {
  const h = boxHeight(box.quad);
  const b = quadBounds(box.quad);
  return h >= TWO_ROWS * lineH && b.x1 - b.x0 >= 3 * h;
}

/**
 * The rows found again inside a box (boxes detected in the crop at `region`, centred inside it, pieces of one row
 * joined), top to bottom, when they are two or more rows each clearly shorter than it; otherwise undefined. A row
 * centred in one of the page's `other` boxes is that box's and is left out.
 */
export function rowsOf(
  box: DetBox,
  found: readonly DetBox[],
  region: { readonly x0: number; readonly y0: number },
  others: readonly DetBox[],
): DetBox[] | undefined {
  const inside = found
    .map((f) => onPage(f, region))
    .filter((f) => insideConvex(box.quad, ...boundsCentre(f.quad)));
  const rows = joinLineBoxes(inside).sort((p, q) => quadBounds(p.quad).y0 - quadBounds(q.quad).y0);
  const h = boxHeight(box.quad);
  if (rows.length < 2 || rows.some((r) => boxHeight(r.quad) > ROW_SHARE * h)) return undefined;
  return rows.filter((r) => !others.some((o) => o !== box && insideConvex(o.quad, ...boundsCentre(r.quad))));
}
