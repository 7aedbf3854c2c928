/** The page's skew from its line boxes, and boxes turned into the deskewed frame for layout and reading order. */
import { quadBounds } from './geometry';
import type { Quad } from './types';

/** A box at least this many times longer than tall gives its line's slant reliably (short cells do not). */
const LONG_LINE = 2;

/** Fewest long lines whose median slant is the page's skew, whatever one of them does. */
const MIN_SKEW_LINES = 3;

/**
 * The page's skew in radians (positive when lines descend to the right): the median slant of the top edges of its
 * long line boxes. The detector fits each line's box to its ink, so on a photographed or tilted scan every line shares
 * the page's slant; the median ignores a stamp or a sign set at an angle. Two long lines give their mean slant only
 * when turning by it leaves each less slanted than before: two lines of one tilted sign or label, not two signs set
 * at angles of their own. One slanted line is scene text, not a tilted page.
 */
export function pageSkew(quads: readonly Quad[]): number {
  const slants = quads
    .filter(
      (q) =>
        Math.hypot(q[1][0] - q[0][0], q[1][1] - q[0][1]) >=
        LONG_LINE * Math.hypot(q[3][0] - q[0][0], q[3][1] - q[0][1]),
    )
    .map((q) => Math.atan2(q[1][1] - q[0][1], q[1][0] - q[0][0]))
    .sort((a, b) => a - b);
  if (slants.length >= MIN_SKEW_LINES) return slants[Math.floor(slants.length / 2)] ?? 0;
  if (slants.length < 2) return 0;
  const [a, b] = slants as [number, number];
  return Math.abs(a - b) / 2 < Math.min(Math.abs(a), Math.abs(b)) ? (a + b) / 2 : 0;
}

/** A box turned by `-skew` about the origin, so that the page's rows run level (row grouping compares heights). */
export function deskewQuad(q: Quad, skew: number): Quad {
  if (skew === 0) return q;
  const [c, s] = [Math.cos(skew), Math.sin(skew)];
  const turn = ([x, y]: readonly [number, number]): [number, number] => [x * c + y * s, y * c - x * s];
  return [turn(q[0]), turn(q[1]), turn(q[2]), turn(q[3])];
}

/** Least drift of a row across the page, in line heights, worth turning for (a fifth: cells then leave a shared row). */
const MIN_DRIFT = 0.2;

/**
 * Marks that sit on the baseline at a line's end (a full stop, leader dots, an underscore): they pull the end of the
 * rectangle fitted to the line's ink down, by up to a few degrees on a short line, so its slant is not the page's.
 */
const BASELINE_END = /[.,_…·]\s*$/u;

/** Whether a line's text ends in marks on its baseline (BASELINE_END), so its box's slant says nothing of the page's. */
export const endsOnBaseline = (text: string): boolean => BASELINE_END.test(text);

/**
 * `boxOf` in the page's deskewed frame, or unchanged when the skew moves a row's ends apart by less than a fifth of a
 * line height across the page: rows group the same either way, and turning would only nudge every box's bounds. The
 * skew is measured on the lines `slanted` does not leave out (where their text is known: endsOnBaseline).
 */
export function deskewed<T>(
  values: readonly T[],
  boxOf: (v: T) => Quad,
  slanted: (v: T) => boolean = () => true,
): (v: T) => Quad {
  const quads = values.map(boxOf);
  const skew = pageSkew(values.filter(slanted).map(boxOf));
  if (skew === 0) return boxOf;
  const bounds = quads.map(quadBounds);
  const span = Math.max(...bounds.map((b) => b.x1)) - Math.min(...bounds.map((b) => b.x0));
  const heights = bounds.map((b) => b.y1 - b.y0).sort((a, b) => a - b);
  const lineH = heights[Math.floor(heights.length / 2)] ?? 0;
  if (Math.abs(Math.tan(skew)) * span < MIN_DRIFT * lineH) return boxOf;
  return (v) => deskewQuad(boxOf(v), skew);
}
