/**
 * A page photographed small: a sheet of paper or a receipt lying on a desk takes a part of a large photo, and once the
 * whole photo is shrunk to the detector's input its text is a few pixels tall, too small to be found (or found as whole
 * paragraphs run together). The paper itself is still plain to see at that size: the largest bright, solid region,
 * clearly lighter than what surrounds it. Where it covers at most PAPER_SHARE of the image, that region alone is
 * detected again at the detector's usual size, which looks at its text as if the photo had been cropped to the page.
 */
import type { PageRegion } from './faint-lines';
import type { RgbImage } from './types';

/** The paper may cover at most this share of the image: more, and the first pass saw its text at nearly full size. */
export const PAPER_SHARE = 0.4;
/** ...and at least this share: smaller bright patches are labels, lamps and windows, not a page to read. */
const MIN_SHARE = 0.02;
/** The bright region must fill this much of its bounding box: paper is a solid sheet, a bright background is not. */
const SOLID = 0.7;
/** Paper and desk differ by this many levels of luma at least (the two sides of the threshold's means). */
const CONTRAST = 48;
/** The map is read on a grid of at most this many cells along its longer side. */
const GRID = 160;

const luma = (d: Uint8Array, i: number) => (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000;

/** Otsu's threshold of a 256-bin histogram, with the two classes' means. */
function otsu(hist: Uint32Array, n: number): { t: number; below: number; above: number } {
  let sum = 0;
  hist.forEach((c, v) => (sum += c * v));
  let [best, t, sumB, wB] = [-1, 0, 0, 0];
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0 || wB === n) continue;
    sumB += v * hist[v]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / (n - wB);
    const between = wB * (n - wB) * (mB - mF) ** 2;
    if (between > best) [best, t] = [between, v];
  }
  let [cb, sb, ca, sa] = [0, 0, 0, 0];
  hist.forEach((c, v) => {
    if (v <= t) [cb, sb] = [cb + c, sb + c * v];
    else [ca, sa] = [ca + c, sa + c * v];
  });
  return { t, below: cb ? sb / cb : 0, above: ca ? sa / ca : 0 };
}

/**
 * The paper's rectangle in the pixels of an image `width` × `height` wide, found on `small` (the same image at any
 * smaller size, such as the detector's input), or undefined when no bright solid region of a readable part of the
 * image stands out from its surroundings.
 */
export function paperRegion(small: RgbImage, width: number, height: number): PageRegion | undefined {
  const step = Math.max(1, Math.ceil(Math.max(small.width, small.height) / GRID));
  const [gw, gh] = [Math.floor(small.width / step), Math.floor(small.height / step)];
  if (gw < 8 || gh < 8) return undefined;
  const cells = new Uint8Array(gw * gh);
  const hist = new Uint32Array(256);
  for (let y = 0; y < gh; y++)
    for (let x = 0; x < gw; x++) {
      const v = luma(small.data, ((y * step + (step >> 1)) * small.width + x * step + (step >> 1)) * 3) | 0;
      cells[y * gw + x] = v;
      hist[v]!++;
    }
  const { t, below, above } = otsu(hist, cells.length);
  if (above - below < CONTRAST) return undefined;
  // The largest 4-connected bright component, by flood fill.
  const label = new Int32Array(cells.length).fill(-1);
  let bestBox: PageRegion | undefined;
  let bestCount = 0;
  const stack: number[] = [];
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]! <= t || label[i]! >= 0) continue;
    let [count, x0, y0, x1, y1] = [0, gw, gh, 0, 0];
    stack.push(i);
    label[i] = i;
    while (stack.length > 0) {
      const j = stack.pop()!;
      const [x, y] = [j % gw, Math.floor(j / gw)];
      count++;
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x + 1), Math.max(y1, y + 1)];
      for (const k of [
        x > 0 ? j - 1 : -1,
        x < gw - 1 ? j + 1 : -1,
        y > 0 ? j - gw : -1,
        y < gh - 1 ? j + gw : -1,
      ])
        if (k >= 0 && label[k]! < 0 && cells[k]! > t) {
          label[k] = i;
          stack.push(k);
        }
    }
    if (count > bestCount) [bestCount, bestBox] = [count, { x0, y0, x1, y1 }];
  }
  if (!bestBox) return undefined;
  const boxCells = (bestBox.x1 - bestBox.x0) * (bestBox.y1 - bestBox.y0);
  const share = boxCells / cells.length;
  if (share > PAPER_SHARE || share < MIN_SHARE || bestCount < SOLID * boxCells) return undefined;
  // Back to the image's pixels, one cell of margin around the paper.
  const [sx, sy] = [(step * width) / small.width, (step * height) / small.height];
  return {
    x0: Math.max(0, Math.floor((bestBox.x0 - 1) * sx)),
    y0: Math.max(0, Math.floor((bestBox.y0 - 1) * sy)),
    x1: Math.min(width, Math.ceil((bestBox.x1 + 1) * sx)),
    y1: Math.min(height, Math.ceil((bestBox.y1 + 1) * sy)),
  };
}
