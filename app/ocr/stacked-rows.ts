/**
 * Two rows run together vertically, split again. On a page whose rows the detector's input runs together across
 * narrow gutters (it has faint lines, faint-lines.ts), tight leading closes the gap between rows as well: a box of a
 * row and the one below it comes out about two line heights tall and the recogniser reads one of them. Such a box is
 * detected again at the finer scale around it, and replaced by the rows found inside it when they are two or more,
 * each clearly shorter than the box; a heading in larger type comes out as one row and keeps its box.
 */
import type { DetBox } from './db-postprocess';
import { joinLineBoxes } from './faint-lines';
import { dist, insideConvex, quadBounds } from './geometry';
import type { Quad } from './types';

/** A box at least this many line heights tall may be two rows: two rows run together are twice a row less their overlap. */
const TWO_ROWS = 1.5;
/** Each row found inside is at most this share of the box's height: a row, not the same box found again. */
const ROW_SHARE = 0.75;

const ownHeight = (q: Quad) => Math.min(dist(q[0], q[3]), dist(q[0], q[1]));

/** Whether a box is tall enough to hold two rows and long like a row of text (at least 3 of its heights long). */
export function mayHoldTwoRows(box: DetBox, lineH: number): boolean {
  const h = ownHeight(box.quad);
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
    .map((f) => ({ ...f, quad: f.quad.map(([x, y]) => [x + region.x0, y + region.y0]) as unknown as Quad }))
    .filter((f) => {
      const r = quadBounds(f.quad);
      return insideConvex(box.quad, (r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
    });
  const rows = joinLineBoxes(inside).sort((p, q) => quadBounds(p.quad).y0 - quadBounds(q.quad).y0);
  const h = ownHeight(box.quad);
  if (rows.length < 2 || rows.some((r) => ownHeight(r.quad) > ROW_SHARE * h)) return undefined;
  return rows.filter((r) => {
    const b = quadBounds(r.quad);
    return !others.some((o) => o !== box && insideConvex(o.quad, (b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2));
  });
}
