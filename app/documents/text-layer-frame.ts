/**
 * The frame a page's text layer is laid out in: a page the pipeline found turned (OcrResult.orientation) has its boxes
 * in the page's own pixels, where a line's corners no longer say which way its text runs. Its lines are turned back
 * upright, laid out there as on any page, and the map to user space turns them onto the page again.
 */
import type { ReadPage } from '../contracts/document-result';
import { orderQuad } from '../ocr/geometry';
import type { OcrLine, Point, Quad } from '../ocr/types';
import { apply, invert, type Affine } from './page-geometry';

/** Upright-frame pixels → the page's pixels for a page found turned `angle` clockwise, `w` × `h` as given. */
export function turnAffine(angle: 0 | 90 | 180 | 270, w: number, h: number): Affine {
  switch (angle) {
    case 0:
      return [1, 0, 0, 1, 0, 0];
    case 90:
      return [0, 1, -1, 0, w, 0];
    case 180:
      return [-1, 0, 0, -1, w, h];
    case 270:
      return [0, -1, 1, 0, 0, h];
  }
}

/** `first`, then `then`: the affine map p → then(first(p)). */
export function compose(then: Affine, first: Affine): Affine {
  const [a, b, c, d, e, f] = then;
  const [A, B, C, D, E, F] = first;
  return [a * A + c * B, b * A + d * B, a * C + c * D, b * C + d * D, a * E + c * F + e, b * E + d * F + f];
}

/** The page's lines in the frame their text reads in, and the map from that frame's pixels to user space. */
export function layerFrame(
  read: Pick<ReadPage, 'lines' | 'orientation' | 'width' | 'height'>,
  toUser: Affine,
): { readonly lines: readonly OcrLine[]; readonly toUser: Affine } {
  const angle = read.orientation ?? 0;
  if (angle === 0) return { lines: read.lines, toUser };
  const turn = turnAffine(angle, read.width, read.height);
  const back = invert(turn);
  const upright = (q: Quad): Quad => orderQuad(q.map(([x, y]) => apply(back, x, y) as Point));
  return {
    lines: read.lines.map((l) => ({
      ...l,
      box: upright(l.box),
      ...(l.words ? { words: l.words.map((w) => ({ ...w, box: upright(w.box) })) } : {}),
    })),
    toUser: compose(toUser, turn),
  };
}
