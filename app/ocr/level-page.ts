/**
 * A slightly tilted page turned level, to measure its text as the finer pass's bar was set: on level pages. The
 * rectangle fitted to a detected region's pixel centres spans one row fewer than a level region's rows but nearly the
 * whole band of a tilted one (its rows start and end at every phase), so the same text slightly turned is boxed up to a
 * pixel thicker at the detector's input and, grown by the unclip, looks larger than it is (docs/pipeline.md, "Small
 * text on large screens").
 */
import { warp } from './crop';
import { SHRUNK, SMALL_TEXT_BOX } from './fine-scale';
import { pageSkew } from './page-skew';
import type { Quad, RgbImage } from './types';

/**
 * How much larger a tilt can make the median box look at the detector's input, in pixels: one pixel row more of the
 * region, and the unclip adds 0.75 of a line's height on each side of it.
 */
export const TILT_GAIN = 2.5;

/**
 * The skew (radians) to turn a page by to measure its text level, or undefined when its boxes are measured as found:
 * only a tilted page the detector's input shrank, whose median box (`lineBox`, lineBoxOf in fine-scale.ts) is over the
 * finer pass's bar by no more than a tilt can add.
 */
export function levelSkew(
  image: { readonly width: number; readonly height: number },
  detWidth: number,
  quads: readonly Quad[],
  lineBox: number | undefined,
): number | undefined {
  const scale = detWidth / image.width;
  if (scale > SHRUNK || lineBox === undefined) return undefined;
  const atDet = lineBox * scale;
  if (atDet < SMALL_TEXT_BOX || atDet >= SMALL_TEXT_BOX + TILT_GAIN) return undefined;
  const skew = pageSkew(quads);
  return skew === 0 ? undefined : skew;
}

/**
 * The largest rectangle of the image's own proportions, turned by `skew` (positive when lines descend to the right)
 * about its centre, that lies inside a `width` × `height` image: its corners clockwise from top-left and its size, so
 * that cutting it out straight leaves the lines level, at their own size, with no edge pixels repeated.
 */
export function levelQuad(width: number, height: number, skew: number): { quad: Quad; w: number; h: number } {
  const [c, s] = [Math.cos(skew), Math.sin(skew)];
  const [ac, as] = [Math.abs(c), Math.abs(s)];
  const k = Math.min(width / (width * ac + height * as), height / (width * as + height * ac));
  const [a, b] = [(k * width) / 2, (k * height) / 2];
  const [cx, cy] = [width / 2, height / 2];
  const at = (u: number, v: number): [number, number] => [cx + u * c - v * s, cy + u * s + v * c];
  return { quad: [at(-a, -b), at(a, -b), at(a, b), at(-a, b)], w: Math.floor(2 * a), h: Math.floor(2 * b) };
}

/** The image turned level by `skew` (levelQuad's rectangle cut out straight), at its own pixel size. */
export function levelPage(img: RgbImage, skew: number): RgbImage {
  const { quad, w, h } = levelQuad(img.width, img.height, skew);
  return { data: warp(img, quad, w, h), width: w, height: h };
}
