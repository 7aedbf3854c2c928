/**
 * Transparency flattened onto the backdrop its ink contrasts with. A transparent image has no background of its own: a
 * logo or a dark-mode capture draws light ink on nothing, and flattened on white that ink vanishes (white on white),
 * while dark ink on white reads as print. The ink is what meets the transparency: the shapes' edge pixels.
 */
import type { RgbImage } from './types';

/** Decoded pixels with straight (not premultiplied) alpha, four bytes a pixel. */
export interface RgbaImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Rec. 601 luma of the pixel at byte offset `i`, 0–255. */
const luma = (d: Uint8Array, i: number) => (299 * d[i]! + 587 * d[i + 1]! + 114 * d[i + 2]!) / 1000;

/**
 * The backdrop, black (0) or white (255), farther from the mean luma of the shapes' edge pixels: pixels at least half
 * as opaque as the most opaque one, beside one that is less (4-neighbours). Half of the most opaque keeps faint ink
 * (a watermark) visible; with no such edge (all opaque or all clear) it is white.
 */
export function contrastBackdrop(img: RgbaImage): 0 | 255 {
  const { data, width: w, height: h } = img;
  let top = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > top) top = data[i]!;
  const half = Math.ceil(top / 2);
  if (half === 0) return 255;
  const shape = (p: number) => data[p * 4 + 3]! >= half;
  let [sum, n] = [0, 0];
  const edge = (p: number) => {
    sum += luma(data, p * 4);
    n++;
  };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (x + 1 < w && shape(p) !== shape(p + 1)) edge(shape(p) ? p : p + 1);
      if (y + 1 < h && shape(p) !== shape(p + w)) edge(shape(p) ? p : p + w);
    }
  return n > 0 && sum / n >= 128 ? 0 : 255;
}

/** RGBA → RGB, each pixel composited over the contrasting backdrop (contrastBackdrop) by its alpha. */
export function flattenOnContrast(img: RgbaImage): RgbImage {
  const { data, width, height } = img;
  const backdrop = contrastBackdrop(img);
  const out = new Uint8Array(width * height * 3);
  for (let p = 0, i = 0, o = 0; p < width * height; p++, i += 4, o += 3) {
    const a = data[i + 3]!;
    const under = backdrop * (255 - a);
    out[o] = Math.round((data[i]! * a + under) / 255);
    out[o + 1] = Math.round((data[i + 1]! * a + under) / 255);
    out[o + 2] = Math.round((data[i + 2]! * a + under) / 255);
  }
  return { data: out, width, height };
}
