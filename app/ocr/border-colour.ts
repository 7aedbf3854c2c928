/** An image's background as its border shows it: the colour of the outermost ring of pixels, and how plain it is. */
import type { RgbImage } from './types';

/** Calls `at` with the index of every pixel of the image's outermost ring (corners once; a 1-px side twice). */
function eachBorderPixel(img: RgbImage, at: (i: number) => void): void {
  const { width: w, height: h } = img;
  for (let x = 0; x < w; x++) {
    at(x);
    at((h - 1) * w + x);
  }
  for (let y = 1; y < h - 1; y++) {
    at(y * w);
    at(y * w + w - 1);
  }
}

/** The median of each channel over the border's pixels, counted in a histogram per channel. */
export function borderColour(img: RgbImage): [number, number, number] {
  const { data } = img;
  const hist = new Uint32Array(3 * 256);
  let n = 0;
  eachBorderPixel(img, (i) => {
    hist[data[i * 3]!]!++;
    hist[256 + data[i * 3 + 1]!]!++;
    hist[512 + data[i * 3 + 2]!]!++;
    n++;
  });
  const median = (c: number) => {
    for (let v = 0, seen = 0; v < 256; v++) if ((seen += hist[c * 256 + v]!) > n >> 1) return v;
    return 0;
  };
  return [median(0), median(1), median(2)];
}

/** The share of the border's pixels within `tolerance` levels of `colour` in every channel. */
export function borderShareNear(img: RgbImage, colour: readonly number[], tolerance: number): number {
  const { data } = img;
  let [near, n] = [0, 0];
  eachBorderPixel(img, (i) => {
    n++;
    for (let c = 0; c < 3; c++) if (Math.abs(data[i * 3 + c]! - colour[c]!) > tolerance) return;
    near++;
  });
  return n === 0 ? 0 : near / n;
}
