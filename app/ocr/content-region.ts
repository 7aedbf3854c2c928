/**
 * An image on a plain canvas: a photo or a page set on a flat background (a slide, a viewer's letterbox, a large
 * screenshot of one small window, a photo pasted into a bigger image). Shrunk whole to the detector's input, its text
 * is a few pixels tall; the canvas holds no text. Where everything that differs from the border's colour fits in a
 * block covering at most CONTENT_SHARE of the image, that rectangle is detected as the page, as if the image had been
 * cropped to it (page-detect.ts says when). A photo's or a desk's edge is not flat, so this never fires on them
 * (paper-region.ts does).
 */
import type { PageRegion } from './faint-lines';
import { borderColour, borderShareNear } from './border-colour';
import { SMALL_TEXT_BOX } from './fine-scale';
import { PAPER_SHARE } from './paper-region';
import type { RgbImage } from './types';

/** The content may cover at most this share of the image: more, and the first pass saw it at nearly full size. */
export const CONTENT_SHARE = PAPER_SHARE;
/** A pixel this near the border's colour (levels, every channel) is canvas: JPEG noise and grain stay under it. */
const CANVAS_TOLERANCE = 24;
/** At least this share of the border's pixels must be canvas: the image's edge is a plain background, not a scene. */
const FLAT_BORDER = 0.95;
/** A row or column holds content where at least this many of its pixels differ from the canvas (not a lone speck). */
const MIN_PIXELS = 2;
/** Detector-input pixels of canvas kept around the content: a line at its edge keeps a small line's box of context. */
const MARGIN = SMALL_TEXT_BOX;
/**
 * Content at least this many times wider than tall (or taller than wide) is one line, a heading or a banner, which the
 * first pass reads at a good size; cut out on its own, the detector loses the line's ends. A window, page or photo is
 * at most about three times wider than tall.
 */
const LINE_SHAPED = 5;

/**
 * The content's rectangle in the pixels of the `width` × `height` image `detInput` was shrunk from, or undefined when
 * the border is not a plain canvas, the content covers more than CONTENT_SHARE of the image or is one line.
 */
export function contentRegion(detInput: RgbImage, width: number, height: number): PageRegion | undefined {
  const { width: w, height: h, data } = detInput;
  const colour = borderColour(detInput);
  if (borderShareNear(detInput, colour, CANVAS_TOLERANCE) < FLAT_BORDER) return undefined;
  const [c0, c1, c2] = colour;
  const rows = new Uint32Array(h);
  const cols = new Uint32Array(w);
  for (let y = 0, j = 0; y < h; y++)
    for (let x = 0; x < w; x++, j += 3) {
      const far =
        Math.abs(data[j]! - c0) > CANVAS_TOLERANCE ||
        Math.abs(data[j + 1]! - c1) > CANVAS_TOLERANCE ||
        Math.abs(data[j + 2]! - c2) > CANVAS_TOLERANCE;
      if (far) {
        rows[y]!++;
        cols[x]!++;
      }
    }
  const span = (counts: Uint32Array): [number, number] | undefined => {
    const first = counts.findIndex((n) => n >= MIN_PIXELS);
    if (first < 0) return undefined;
    let last = counts.length - 1;
    while (counts[last]! < MIN_PIXELS) last--;
    return [first, last + 1];
  };
  const [xs, ys] = [span(cols), span(rows)];
  if (!xs || !ys) return undefined;
  const [sx, sy] = [width / w, height / h];
  const region = {
    x0: Math.max(0, Math.floor((xs[0] - MARGIN) * sx)),
    y0: Math.max(0, Math.floor((ys[0] - MARGIN) * sy)),
    x1: Math.min(width, Math.ceil((xs[1] + MARGIN) * sx)),
    y1: Math.min(height, Math.ceil((ys[1] + MARGIN) * sy)),
  };
  const [rw, rh] = [region.x1 - region.x0, region.y1 - region.y0];
  if (Math.max(rw, rh) > LINE_SHAPED * Math.min(rw, rh)) return undefined;
  return (rw * rh) / (width * height) <= CONTENT_SHARE ? region : undefined;
}
