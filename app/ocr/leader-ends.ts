/**
 * The text at the end of a dot leader, found again. The DB detector learned that leaders (a row of dots or dashes
 * joining a table-of-contents entry to its page number) are not text, and it also drops the glyph that ends one: a
 * page number of one or two narrow figures set in the leader's rhythm leaves nothing in its map, while the same figure
 * with the leader erased is found whole (docs/pipeline.md, "Leader ends"). So where a row's box is followed by a
 * leader, the ink after the leader's last mark, cropped without the leader, is detected again on its own.
 */
import type { DetBox } from './db-postprocess';
import type { PageRegion } from './faint-lines';
import { isVertical } from './crop';
import { boundsCentre, dist, insideConvex, quadBounds } from './geometry';
import { luma, otsu } from './otsu';
import type { RgbImage } from './types';

/** A leader has at least this many marks: fewer small marks in a row are punctuation (an ellipsis, a colon). */
export const LEADER_MARKS = 6;
/** A leader's mark is at most this share of its row's box tall (a dot or a dash; a figure is three times that). */
export const MARK_HEIGHT = 0.25;
/** ... and at most this share of the box's height wide (a dash, not a rule). */
export const MARK_WIDTH = 0.6;
/** A box under this share of its row's height holds a piece of a glyph, not the glyph: a fragment to replace. */
export const FRAGMENT_HEIGHT = 0.6;
/** Ink is at least this many grey levels darker than the paper beside it, or the band holds only paper and noise. */
export const INK_CONTRAST = 64;

/** A run of inked columns in a row's band: its columns and the rows its ink spans. */
interface Mark {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The runs of inked columns of the band [x0, x1) × [y0, y1), or none where it holds no ink that stands out. */
function bandMarks(img: RgbImage, x0: number, x1: number, y0: number, y1: number): Mark[] {
  const hist = new Uint32Array(256);
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) hist[Math.round(luma(img.data, (y * img.width + x) * 3))]!++;
  const tones = otsu(hist, (x1 - x0) * (y1 - y0));
  if (tones.nBelow === 0 || tones.above - tones.below < INK_CONTRAST) return [];
  const marks: Mark[] = [];
  let open: { x0: number; y0: number; y1: number } | undefined;
  for (let x = x0; x <= x1; x++) {
    let [top, bottom] = [-1, -1];
    for (let y = y0; x < x1 && y < y1; y++) {
      if (luma(img.data, (y * img.width + x) * 3) > tones.t) continue;
      if (top < 0) top = y;
      bottom = y;
    }
    if (top >= 0)
      open = open
        ? { ...open, y0: Math.min(open.y0, top), y1: Math.max(open.y1, bottom) }
        : { x0: x, y0: top, y1: bottom };
    else if (open) {
      marks.push({ ...open, x1: x - 1 });
      open = undefined;
    }
  }
  return marks;
}

/** The height of a text quad: its longer side edge. */
const quadHeight = (q: DetBox['quad']): number => Math.max(dist(q[0], q[3]), dist(q[1], q[2]));

/** The left edge of the nearest box to the right of `row` on its line and at least `tall` high, or the image's edge. */
function rowEnd(
  row: ReturnType<typeof quadBounds>,
  boxes: readonly DetBox[],
  width: number,
  tall: number,
): number {
  let end = width;
  for (const b of boxes) {
    const r = quadBounds(b.quad);
    const overlap = Math.min(r.y1, row.y1) - Math.max(r.y0, row.y0);
    const onLine = overlap > 0.5 * Math.min(r.y1 - r.y0, row.y1 - row.y0);
    if (r.x0 >= row.x1 && onLine && quadHeight(b.quad) >= tall) end = Math.min(end, r.x0);
  }
  return end;
}

/**
 * The ink after the leader in `marks` (a row's band, left to right): the marks after a run of at least LEADER_MARKS
 * small ones no more than `h` apart, up to the next gap wider than `h`; undefined where the band holds no leader or
 * nothing follows it. The run's first mark lies within `h` of the band's start: a leader leaves its entry's box.
 */
function afterLeader(
  marks: readonly Mark[],
  start: number,
  h: number,
): { from: number; to: number } | undefined {
  const small = (m: Mark) => m.y1 - m.y0 + 1 <= MARK_HEIGHT * h && m.x1 - m.x0 + 1 <= MARK_WIDTH * h;
  if (marks.length === 0 || marks[0]!.x0 - start > h) return undefined;
  let i = 0;
  while (i < marks.length && small(marks[i]!) && (i === 0 || marks[i]!.x0 - marks[i - 1]!.x1 <= h)) i++;
  if (i < LEADER_MARKS || i === marks.length || marks[i]!.x0 - marks[i - 1]!.x1 > h) return undefined;
  let j = i;
  while (j + 1 < marks.length && marks[j + 1]!.x0 - marks[j]!.x1 <= h) j++;
  return { from: Math.ceil((marks[i - 1]!.x1 + marks[i]!.x0) / 2), to: marks[j]!.x1 + 1 };
}

/** A leader end to detect again: its region, and the first pass's fragments of glyphs inside it, which its boxes replace. */
export interface LeaderEnd extends PageRegion {
  readonly fragments: readonly number[];
}

/**
 * The regions to detect again: for each upright row box followed on its line by a leader, the ink after the leader
 * with the row's height and a margin of paper, from halfway between the leader's last mark and that ink; only ink that
 * no box holds but fragments (boxes under FRAGMENT_HEIGHT of the row's height, cut from a glyph the detector half saw).
 */
export function leaderEnds(img: RgbImage, boxes: readonly DetBox[]): LeaderEnd[] {
  const regions: LeaderEnd[] = [];
  for (const box of boxes) {
    const r = quadBounds(box.quad);
    const [y0, y1] = [Math.max(0, Math.floor(r.y0)), Math.min(img.height, Math.ceil(r.y1))];
    const [x0, h] = [Math.min(img.width, Math.ceil(r.x1)), y1 - y0];
    if (h < 4 || r.x1 - r.x0 < h) continue;
    const small = FRAGMENT_HEIGHT * quadHeight(box.quad);
    const x1 = rowEnd(r, boxes, img.width, small);
    if (x1 - x0 < LEADER_MARKS * 2) continue;
    const tail = afterLeader(bandMarks(img, x0, x1, y0, y1), x0, h);
    if (!tail) continue;
    const region = { x0: tail.from, y0, x1: Math.min(x1, tail.to + Math.round(h / 2)), y1 };
    const [cx, cy] = [(region.x0 + region.x1) / 2, (y0 + y1) / 2];
    const holding = boxes.flatMap((b, i) => (insideConvex(b.quad, cx, cy) ? [i] : []));
    if (holding.some((i) => quadHeight(boxes[i]!.quad) >= small)) continue;
    const fragments = boxes.flatMap((b, i) => {
      const [bx, by] = boundsCentre(b.quad);
      const inside = bx >= region.x0 && bx < region.x1 && by >= y0 && by < y1;
      return inside && quadHeight(b.quad) < small ? [i] : [];
    });
    regions.push({ ...region, fragments });
  }
  return regions;
}

/**
 * Boxes found in a leader end's crop (page pixels) that no box in `kept` already holds, each made at least 1/1.5 as
 * wide as tall (within the page's `width`): it sits on a row of upright text, and a lone figure's box (a "7") is
 * otherwise tall enough for the crop to turn it as vertical text (crop.ts isVertical), which can read as nothing.
 */
export function newBoxes(found: readonly DetBox[], kept: readonly DetBox[], width: number): DetBox[] {
  return found
    .filter((b) => {
      const [cx, cy] = boundsCentre(b.quad);
      return !kept.some((k) => insideConvex(k.quad, cx, cy));
    })
    .map((b) => (isVertical(b.quad) ? { ...b, quad: widened(b.quad, width) } : b));
}

/** An upright rectangle around `q`, widened about its centre to 1/UPRIGHT_TALL of its height, inside 0..width. */
function widened(q: DetBox['quad'], width: number): DetBox['quad'] {
  const r = quadBounds(q);
  const half = Math.max(r.x1 - r.x0, (r.y1 - r.y0) / UPRIGHT_TALL) / 2;
  const cx = (r.x0 + r.x1) / 2;
  const [x0, x1] = [Math.max(0, Math.floor(cx - half)), Math.min(width, Math.ceil(cx + half))];
  return [
    [x0, r.y0],
    [x1, r.y0],
    [x1, r.y1],
    [x0, r.y1],
  ];
}

/** A widened leader end box is at most this many times taller than wide (under crop.ts's 1.5 for vertical text). */
const UPRIGHT_TALL = 1.25;
