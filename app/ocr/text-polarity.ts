/**
 * Light text on a dark ground (a negative scan, white print on black) read as dark ink. On such a page the detector
 * can break every line apart at its word spaces: each word's box, grown by the unclip, then overlaps its neighbours
 * on the line, and the page reads as word fragments, one to a line. Negated, the same page's lines hold together. Many
 * light-on-dark pages read whole as they are (dark-mode screenshots, terminals, signs), so a page is read negated only
 * when both show: its text is light, and its lines came apart. The text's polarity is told where the text is, not
 * from the page as a whole (a receipt on a dark desk is dark ink on light paper): inside a box the detector found, the
 * ink is the minority tone, since a box holds more ground around and between the strokes than strokes.
 */
import { quadBounds } from './geometry';
import { luma, otsu } from './otsu';
import { rowOverlapShare } from './row-overlaps';
import type { Page, Quad, RgbImage } from './types';

/** A box whose two tones differ by fewer levels of luma than this shows no text to judge (blank, or a flat patch). */
const MIN_CONTRAST = 48;

/** A box is sampled on a grid of at most about this many pixels: its two tones' shares need no more. */
const SAMPLES = 4096;

/**
 * Lines have come apart when at least this share of the boxes overlap a neighbour on their line: a split line leaves
 * two boxes or more overlapping, while large type split at a wide word space leaves a few on any page (docs/layout.md,
 * "Light text on a dark ground").
 */
const SPLIT_SHARE = 0.15;

/** The share of the judged text (box pixels) whose ink is lighter than its ground; 0 when no box shows text. */
export function lightInkShare(image: RgbImage, quads: readonly Quad[]): number {
  let [light, judged] = [0, 0];
  const hist = new Uint32Array(256);
  for (const q of quads) {
    const b = quadBounds(q);
    const [x0, y0] = [Math.max(0, Math.floor(b.x0)), Math.max(0, Math.floor(b.y0))];
    const [x1, y1] = [Math.min(image.width, Math.ceil(b.x1)), Math.min(image.height, Math.ceil(b.y1))];
    if (x1 - x0 < 2 || y1 - y0 < 2) continue;
    const area = (x1 - x0) * (y1 - y0);
    const step = Math.max(1, Math.floor(Math.sqrt(area / SAMPLES)));
    hist.fill(0);
    let n = 0;
    for (let y = y0; y < y1; y += step)
      for (let x = x0; x < x1; x += step) {
        hist[luma(image.data, (y * image.width + x) * 3) | 0]!++;
        n++;
      }
    const tones = otsu(hist, n);
    if (tones.above - tones.below < MIN_CONTRAST) continue;
    judged += area;
    if (tones.nAbove < tones.nBelow) light += area;
  }
  return judged > 0 ? light / judged : 0;
}

/** Whether a page whose detector found `quads` is read negated: most of its text is light, and its lines came apart. */
export function readNegated(image: RgbImage, quads: readonly Quad[]): boolean {
  return rowOverlapShare(quads) >= SPLIT_SHARE && lightInkShare(image, quads) > 0.5;
}

/** The page with its pixels negated (image and detector input, in new buffers: the caller's stay as they are). */
export function negated(page: Page): Page {
  const neg = (im: RgbImage): RgbImage => {
    const data = new Uint8Array(im.data.length);
    for (let i = 0; i < data.length; i++) data[i] = 255 - im.data[i]!;
    return { width: im.width, height: im.height, data };
  };
  return { ...page, image: neg(page.image), detInput: neg(page.detInput) };
}
