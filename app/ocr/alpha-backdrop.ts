/**
 * Transparency flattened onto the backdrop its ink contrasts with. A transparent image has no background of its own: a
 * logo or a dark-mode capture draws light ink on nothing, and flattened on white that ink vanishes (white on white),
 * while dark ink on white reads as print. The ink is what meets the transparency: the shapes' edge pixels.
 */
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
 * (a watermark) visible; with no such edge (all opaque or all clear) it is white. In a file cut short (`cutShort`) the
 * clear pixels after the last one with any opacity (in the order a decoder fills them, row by row) are the part it did
 * not hold, not a background: they are left out of the judgement.
 */
export function contrastBackdrop(img: RgbaImage, cutShort = false): 0 | 255 {
  const { data, width: w, height: h } = img;
  const held = cutShort ? heldPixels(data) : w * h;
  let top = 0;
  let least = 255;
  for (let i = 3; i < held * 4; i += 4) {
    const a = data[i]!;
    if (a > top) top = a;
    if (a < least) least = a;
  }
  // All opaque (most screenshots carry an alpha channel they do not use) or all clear: no edge to judge by.
  if (least === 255 || top === 0) return 255;
  const half = Math.ceil(top / 2);
  const shape = (p: number) => data[p * 4 + 3]! >= half;
  let [sum, n] = [0, 0];
  const edge = (p: number) => {
    sum += luma(data, p * 4);
    n++;
  };
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (x + 1 < w && p + 1 < held && shape(p) !== shape(p + 1)) edge(shape(p) ? p : p + 1);
      if (y + 1 < h && p + w < held && shape(p) !== shape(p + w)) edge(shape(p) ? p : p + w);
    }
  return n > 0 && sum / n >= 128 ? 0 : 255;
}

/** Pixels up to the last one with any opacity: a decoder leaves the pixels a cut file lacks clear. */
function heldPixels(data: Uint8Array): number {
  for (let i = data.length - 1; i >= 3; i -= 4) if (data[i] !== 0) return (i + 1) / 4;
  return 0;
}
