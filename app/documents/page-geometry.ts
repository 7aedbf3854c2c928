/** How a PDF page's user space (points, y up) maps to the pixels of its rendering (y down), for any /Rotate. */
import type { OcrLine } from '../ocr/types';

/** A rectangle in PDF user space. */
export interface PdfRect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A displayed page: its visible box, its /Rotate (0, 90, 180, 270) and pixels per point of the rendering. */
export interface PageFrame {
  readonly box: PdfRect;
  readonly rotate: 0 | 90 | 180 | 270;
  readonly scale: number;
  /** Whether the page draws an image over half of it or more (a scan), whose resolution set `scale`. */
  readonly scanned?: boolean;
}

/** An affine map [a b c d e f]: (x, y) → (a x + c y + e, b x + d y + f), as in PDF's `cm`. */
export type Affine = readonly [number, number, number, number, number, number];

/** Applies an affine map to a point. */
export function apply(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * The map that applies `inner`, then `outer` (PDF's `inner × outer`): an object's matrix within a form XObject, then
 * the form's own, gives the object's place on the page.
 */
export function compose(inner: Affine, outer: Affine): Affine {
  const [a, b, c, d, e, f] = inner;
  const [p, q, r, s, t, u] = outer;
  return [a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u];
}

/** The rendering's size in whole pixels. */
export function pixelSize(f: PageFrame): { width: number; height: number } {
  const turned = f.rotate === 90 || f.rotate === 270;
  const w = turned ? f.box.height : f.box.width;
  const h = turned ? f.box.width : f.box.height;
  return { width: Math.max(1, Math.round(w * f.scale)), height: Math.max(1, Math.round(h * f.scale)) };
}

/** Pixel (x right, y down) → user space; the page is shown turned clockwise by /Rotate. */
export function pixelToUser(f: PageFrame): Affine {
  const { x, y, width: w, height: h } = f.box;
  const k = 1 / f.scale;
  switch (f.rotate) {
    case 0:
      return [k, 0, 0, -k, x, y + h];
    case 90:
      return [0, k, k, 0, x, y];
    case 180:
      return [-k, 0, 0, k, x + w, y];
    case 270:
      return [0, -k, -k, 0, x + w, y + h];
  }
}

/** The inverse of an affine map. */
export function invert(m: Affine): Affine {
  const [a, b, c, d, e, f] = m;
  const det = a * d - b * c;
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/**
 * Normalises any /Rotate value to 0, 90, 180 or 270 as PDFium shows the page: whole quarter turns, truncated toward
 * zero (a /Rotate of 45, which the spec forbids, shows the page upright), possibly negative.
 */
export function normaliseRotate(deg: number): PageFrame['rotate'] {
  const r = (((Math.trunc(deg / 90) * 90) % 360) + 360) % 360;
  return r === 90 || r === 180 || r === 270 ? r : 0;
}

/**
 * A line of a page's own text (score 1) on the pixel box of a PDF rectangle, given by two opposite corners in user
 * space: the page's glyph runs and its annotations are placed alike, however the page is turned.
 */
export function userRectLine(
  text: string,
  toPixel: Affine,
  a: readonly [number, number],
  b: readonly [number, number],
): OcrLine {
  const corners = [apply(toPixel, a[0], a[1]), apply(toPixel, b[0], b[1])];
  const xs = corners.map((c) => c[0]);
  const ys = corners.map((c) => c[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return {
    text,
    score: 1,
    box: [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
    ],
  };
}
