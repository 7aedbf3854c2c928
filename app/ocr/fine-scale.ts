/**
 * When a page shrunk to the detector's input (960 px on its longest side) holds text too small there to be found
 * reliably, the side to detect it again at. A full-HD or larger screenshot of 13–14 px interface text shrinks to text
 * 6–7 px tall, where the DB detector misses most lines, while documents, receipts and photos keep their lines well
 * above that. The lines it still found tell how small the text is: their boxes (grown around the ink by the unclip) are
 * about 1.8 times the text's height.
 */
import { dist } from './geometry';
import type { Quad } from './types';
import { median } from './median';

/**
 * Only images the detector's input shrank to this or less: screens of 1600 px and up and high-resolution scans lose
 * half their text's height or more, while a 1280×720 photo, shrunk to 0.75, is read at the size PaddleOCR reads it.
 */
export const SHRUNK = 0.6;
/**
 * Boxes whose median height at the detector's input is under this are text too small to be found (about 7 px of
 * type): below it the first pass loses most lines of a screen, above it (document pages) none, and a finer pass there
 * splits justified lines at their word spaces, which the layout then misreads (docs/pipeline.md, "Why 13").
 */
export const SMALL_TEXT_BOX = 13;
/** The finer pass aims the median box at this height (text about 11 px tall, well inside what DB finds). */
export const FINE_TEXT_BOX = 22;
/** Longest side of the finer pass's detector input: about 4.5 times the pixels of the first, at most. */
export const FINE_MAX_SIDE = 2048;
/**
 * ... and at most the pixels of a 16:9 screen at that side (2048×1152): the detector's activations grow with its input
 * (about 130 MiB a megapixel), so a square page is looked at 1536×1536, not 2048×2048 (docs/memory.md).
 */
export const FINE_MAX_PIXELS = 2048 * 1152;

/** The longest side a finer pass over `image` may have: FINE_MAX_SIDE, or less where its pixels would pass the cap. */
function fineSideCap(image: { readonly width: number; readonly height: number }): number {
  const [long, short] = [Math.max(image.width, image.height), Math.min(image.width, image.height)];
  return Math.min(FINE_MAX_SIDE, Math.floor(Math.sqrt((FINE_MAX_PIXELS * long) / Math.max(short, 1))));
}

/** A box's own height (its short side), whatever its tilt. */
export const boxHeight = (q: Quad): number => Math.min(dist(q[0], q[3]), dist(q[0], q[1]));

/** The median height of detected boxes (a box's short side): the page's line box, as the detector grew it. */
export function medianBoxHeight(boxes: readonly Quad[]): number {
  return median(boxes.map(boxHeight));
}

/** The first pass's line box (medianBoxHeight), or undefined where it found no box: measured once for every use. */
export function lineBoxOf(boxes: readonly Quad[]): number | undefined {
  return boxes.length > 0 ? medianBoxHeight(boxes) : undefined;
}

/**
 * The longest side to detect the image again at, or undefined when the first pass is fine: it was not shrunk, or found
 * text of a size it detects well. `lineBox` is the first pass's median box height in the image's pixels (lineBoxOf). A
 * shrunk image on which it found nothing at all is detected again at the finest side: text too small at its input
 * leaves no box to measure (a page photographed small, a screenshot on a 4K screen).
 */
export function finerDetSide(
  image: { readonly width: number; readonly height: number },
  detWidth: number,
  lineBox: number | undefined,
): number | undefined {
  const scale = detWidth / image.width;
  if (scale > SHRUNK) return undefined;
  if (lineBox === undefined) return Math.min(Math.max(image.width, image.height), fineSideCap(image));
  return finerSideFor(image, detWidth, lineBox * scale);
}

/**
 * The finer pass's side for a shrunk image whose median box at the detector's input is `atDet` px tall, or undefined
 * when that is a size the detector finds well: finerDetSide once the boxes are measured.
 */
export function finerSideFor(
  image: { readonly width: number; readonly height: number },
  detWidth: number,
  atDet: number,
): number | undefined {
  const scale = detWidth / image.width;
  if (scale > SHRUNK || atDet >= SMALL_TEXT_BOX) return undefined;
  const longest = Math.max(image.width, image.height);
  const side = Math.round(Math.min(longest, (longest * scale * FINE_TEXT_BOX) / atDet, fineSideCap(image)));
  return side > longest * scale * 1.25 ? side : undefined;
}
