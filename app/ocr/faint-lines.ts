/**
 * Lines the first detection pass ran together and then dropped, found again. At the detector's input a page of small
 * type in narrow columns shrinks until a row's words bridge the column gutters: the row comes out as one long region
 * across the columns, sometimes stepping into the next column's row set half a line lower, and its box, holding about
 * as much paper as ink, scores under the box bar, so whole bands of rows vanished (db-postprocess.ts keeps them as
 * faint lines). Each faint line's surroundings are detected again at the finer scale of small text (fine-scale.ts),
 * where the gutters and rows come apart, and the boxes found there are joined back into one box per printed line.
 */
import type { DetBox } from './db-postprocess';
import { medianBoxHeight } from './fine-scale';
import { boundsCentre, insideConvex, minAreaRect, orderQuad, quadBounds } from './geometry';
import type { Quad } from './types';

/** An upright whole-pixel rectangle of the page detected again: around a faint line, a box of two rows, the paper. */
export interface PageRegion {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/**
 * Boxes of one printed line share its height, so they overlap across it by at least this share of the lower one;
 * rows of neighbouring columns set half a line apart overlap by about half and stay apart.
 */
export const SAME_LINE = 0.8;

/** The page's line height: the median height of the boxes the first pass kept (undefined without any). */
export function keptLineHeight(kept: readonly DetBox[]): number | undefined {
  return kept.length > 0 ? medianBoxHeight(kept.map((b) => b.quad)) : undefined;
}

/** Each faint line with a line height of margin around it (the rows it stepped into), inside the image. */
export function faintRegions(
  size: { readonly width: number; readonly height: number },
  faintLines: readonly Quad[],
  lineH: number,
): PageRegion[] {
  return faintLines.map((line) => withMargin(size, line, lineH));
}

/** The upright whole-pixel rectangle around a quad with `margin` pixels on every side, inside the image. */
export function withMargin(
  size: { readonly width: number; readonly height: number },
  quad: Quad,
  margin: number,
): PageRegion {
  const b = quadBounds(quad);
  return {
    x0: Math.max(0, Math.floor(b.x0 - margin)),
    y0: Math.max(0, Math.floor(b.y0 - margin)),
    x1: Math.min(size.width, Math.ceil(b.x1 + margin)),
    y1: Math.min(size.height, Math.ceil(b.y1 + margin)),
  };
}

/**
 * Boxes detected in a region's crop, told in page pixels, that are rows the first pass lost: centred in no box it kept,
 * and not cut by the crop's top or bottom (a row the margin halved; the image's own edges cut nothing). Wherever they
 * lie in the crop, not only inside its faint line: a faint line that steps into the next column's row crosses rows
 * slantwise, so a row it runs through can lie outside its quad at the row's centre, and the finer detector may miss a
 * row in one region's crop that it finds in the margin of the next (a row found twice is kept once, `onceEach`).
 */
export function foundAgain(
  region: PageRegion,
  boxes: readonly DetBox[],
  found: readonly DetBox[],
  image: { readonly height: number },
): DetBox[] {
  return boxes
    .filter((b) => {
      const r = quadBounds(b.quad);
      return (
        (r.y0 > 1 || region.y0 === 0) && (r.y1 < region.y1 - region.y0 - 1 || region.y1 === image.height)
      );
    })
    .map((b) => onPage(b, region))
    .filter((b) => {
      const [cx, cy] = boundsCentre(b.quad);
      return !found.some((k) => insideConvex(k.quad, cx, cy));
    });
}

/** A box detected in a region's crop, told in page pixels. */
export function onPage(box: DetBox, region: { readonly x0: number; readonly y0: number }): DetBox {
  return { ...box, quad: box.quad.map(([x, y]) => [x + region.x0, y + region.y0]) as unknown as Quad };
}

/**
 * Boxes of one printed line joined into one, left to right, as the first pass would have boxed it: the finer scale
 * splits a justified line at its stretched spaces, and the layout reads such pieces as table cells, while a line run
 * across a gutter is cut there by the layout (line-cut.ts). The joined box is the smallest rectangle around the
 * pieces: a quad of the first piece's left corners and the last one's right corners is a trapezoid where their heights
 * differ, and its perspective crop scales the text unevenly along the line, so the words' positions (and with them the
 * gutter cut) go astray.
 */
export function joinLineBoxes(boxes: readonly DetBox[]): DetBox[] {
  const placed = boxes.map((box) => ({ box, ...quadBounds(box.quad) })).sort((a, b) => a.x0 - b.x0);
  const lines: (typeof placed)[] = [];
  for (const p of placed) {
    const line = lines.find((l) => {
      const end = l[l.length - 1]!;
      return (
        Math.min(end.y1, p.y1) - Math.max(end.y0, p.y0) >= SAME_LINE * Math.min(end.y1 - end.y0, p.y1 - p.y0)
      );
    });
    if (line) line.push(p);
    else lines.push([p]);
  }
  return lines.map((l) => {
    if (l.length === 1) return l[0]!.box;
    const around = minAreaRect(l.flatMap((p) => [...p.box.quad]));
    return { quad: orderQuad(around.corners), score: Math.min(...l.map((p) => p.box.score)) };
  });
}

/** Share of the smaller box's bounds that two boxes' bounds share. */
function sharedShare(a: Quad, b: Quad): number {
  const [p, q] = [quadBounds(a), quadBounds(b)];
  const w = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
  const h = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
  if (w <= 0 || h <= 0) return 0;
  const area = (r: typeof p) => (r.x1 - r.x0) * (r.y1 - r.y0);
  return (w * h) / Math.max(1, Math.min(area(p), area(q)));
}

/**
 * The lines found again around several faint lines, each once: margins overlap, so one row can be found from two
 * regions, once whole and once clipped; the taller box of two sharing most of their area is kept.
 */
export function onceEach(found: readonly DetBox[]): DetBox[] {
  const kept: DetBox[] = [];
  const tallest = found
    .map((b) => ({ b, h: quadBounds(b.quad).y1 - quadBounds(b.quad).y0 }))
    .sort((p, q) => q.h - p.h);
  for (const { b } of tallest) if (!kept.some((k) => sharedShare(k.quad, b.quad) >= 0.5)) kept.push(b);
  return kept;
}
