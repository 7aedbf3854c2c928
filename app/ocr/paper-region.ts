/**
 * A page photographed small: a sheet of paper or a receipt lying on a desk takes a part of a large photo, and once the
 * whole photo is shrunk to the detector's input its text is a few pixels tall, too small to be found (or found as whole
 * paragraphs run together). The paper itself is still plain to see at that size: the largest bright, solid region,
 * clearly lighter than what surrounds it. Where it covers at most PAPER_SHARE of the image, that region alone is
 * detected again at the detector's usual size, which looks at its text as if the photo had been cropped to the page.
 */
import type { PageRegion } from './faint-lines';
import { luma, otsu } from './otsu';
import type { RgbImage } from './types';

/** The paper may cover at most this share of the image: more, and the first pass saw its text at nearly full size. */
export const PAPER_SHARE = 0.4;
/** ...and at least this share: smaller bright patches are labels, lamps and windows, not a page to read. */
const MIN_SHARE = 0.02;
/**
 * The bright region, with what it encloses, must fill this much of its bounding box: paper is a solid sheet (a page
 * turned 10° on the desk still fills 0.74 of its box), a bright background reaching round things is not.
 */
const SOLID = 0.7;
/** At least this share of the sheet's box is itself bright, blank paper around the print: a bright frame is not a sheet. */
const BLANK = 0.4;
/** Paper and desk differ by this many levels of luma at least (the two sides of the threshold's means). */
const CONTRAST = 48;
/** The map is read on a grid of at most this many cells along its longer side. */
const GRID = 160;

/** A bright component of the grid: the grid's component labels, its own label, its bounding box in cells. */
interface Sheet {
  readonly label: Int32Array;
  readonly id: number;
  readonly box: PageRegion;
  readonly count: number;
}

/** The largest 4-connected component of cells brighter than `t` (flood fill), or undefined when there is none. */
function largestBright(cells: Uint8Array, gw: number, gh: number, t: number): Sheet | undefined {
  const label = new Int32Array(cells.length).fill(-1);
  // One stack for every component, its neighbours checked inline: this runs per grid cell.
  const stack = new Int32Array(cells.length);
  let best: { id: number; box: PageRegion; count: number } | undefined;
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]! <= t || label[i]! >= 0) continue;
    let [count, x0, y0, x1, y1] = [0, gw, gh, 0, 0];
    let top = 0;
    stack[top++] = i;
    label[i] = i;
    while (top > 0) {
      const j = stack[--top]!;
      const x = j % gw;
      const y = (j - x) / gw;
      count++;
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x + 1 > x1) x1 = x + 1;
      if (y + 1 > y1) y1 = y + 1;
      if (x > 0 && label[j - 1]! < 0 && cells[j - 1]! > t) {
        label[j - 1] = i;
        stack[top++] = j - 1;
      }
      if (x < gw - 1 && label[j + 1]! < 0 && cells[j + 1]! > t) {
        label[j + 1] = i;
        stack[top++] = j + 1;
      }
      if (y > 0 && label[j - gw]! < 0 && cells[j - gw]! > t) {
        label[j - gw] = i;
        stack[top++] = j - gw;
      }
      if (y < gh - 1 && label[j + gw]! < 0 && cells[j + gw]! > t) {
        label[j + gw] = i;
        stack[top++] = j + gw;
      }
    }
    if (count > (best?.count ?? 0)) best = { id: i, box: { x0, y0, x1, y1 }, count };
  }
  return best && { label, ...best };
}

/**
 * The share of its bounding box a bright component fills once what it encloses counts as its own: the print on a
 * sheet (lines of text, a photograph inside the page) is dark but the sheet's, while the desk reaches in from the box's
 * edges, around a sheet lying at a slant.
 */
function sheetFill(sheet: Sheet, gw: number): number {
  const { x0, y0, x1, y1 } = sheet.box;
  const [bw, bh] = [x1 - x0, y1 - y0];
  const outside = new Uint8Array(bw * bh);
  // Whether box cell k is not the sheet's (and not yet reached): then it joins the outside.
  const open = (k: number) =>
    !outside[k] && sheet.label[(Math.floor(k / bw) + y0) * gw + (k % bw) + x0] !== sheet.id;
  const stack = new Int32Array(bw * bh);
  let top = 0;
  for (let y = 0; y < bh; y++)
    for (let x = 0; x < bw; x++)
      if ((x === 0 || y === 0 || x === bw - 1 || y === bh - 1) && open(y * bw + x)) {
        outside[y * bw + x] = 1;
        stack[top++] = y * bw + x;
      }
  let reached = top;
  while (top > 0) {
    const j = stack[--top]!;
    const x = j % bw;
    for (const k of [x > 0 ? j - 1 : -1, x < bw - 1 ? j + 1 : -1, j - bw, j + bw])
      if (k >= 0 && k < bw * bh && open(k)) {
        outside[k] = 1;
        reached++;
        stack[top++] = k;
      }
  }
  return 1 - reached / (bw * bh);
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
  const sheet = largestBright(cells, gw, gh, t);
  if (!sheet) return undefined;
  const { box } = sheet;
  const boxCells = (box.x1 - box.x0) * (box.y1 - box.y0);
  const share = boxCells / cells.length;
  if (share > PAPER_SHARE || share < MIN_SHARE) return undefined;
  if (sheet.count < BLANK * boxCells || sheetFill(sheet, gw) < SOLID) return undefined;
  // Back to the image's pixels, one cell of margin around the paper.
  const [sx, sy] = [(step * width) / small.width, (step * height) / small.height];
  return {
    x0: Math.max(0, Math.floor((box.x0 - 1) * sx)),
    y0: Math.max(0, Math.floor((box.y0 - 1) * sy)),
    x1: Math.min(width, Math.ceil((box.x1 + 1) * sx)),
    y1: Math.min(height, Math.ceil((box.y1 + 1) * sy)),
  };
}
