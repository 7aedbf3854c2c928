/** Perspective crop of a text quad out of the source image (PaddleOCR's get_rotate_crop_image) and small image ops. */
import { dist } from './geometry';
import type { Quad, RgbImage } from './types';

/** Solves the 8-parameter homography mapping the four `from` points onto the four `to` points. */
export function homography(from: Quad, to: Quad): number[] {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i]!;
    const [u, v] = to[i]!;
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  for (let c = 0; c < 8; c++) {
    let piv = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[piv]![c]!)) piv = r;
    [A[c], A[piv]] = [A[piv]!, A[c]!];
    const p = A[c]![c]!;
    if (Math.abs(p) < 1e-12) return [1, 0, 0, 0, 1, 0, 0, 0];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / p;
      if (f === 0) continue;
      for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  return A.map((row, i) => row[8]! / row[i]!);
}

/** The pixel size of a quad's upright crop: its longer top/bottom edge by its longer side edge. */
function cropSize(quad: Quad): { w: number; h: number } {
  const w = Math.max(1, Math.trunc(Math.max(dist(quad[0], quad[1]), dist(quad[2], quad[3]))));
  const h = Math.max(1, Math.trunc(Math.max(dist(quad[0], quad[3]), dist(quad[1], quad[2]))));
  return { w, h };
}

/** Whether a crop of this size holds vertical text: at least 1.5x taller than wide. */
const tall = (s: { w: number; h: number }): boolean => s.h / s.w >= 1.5;

/** Whether a quad holds vertical text: its crop is at least 1.5x taller than wide, so cropQuad turns it. */
export function isVertical(quad: Quad): boolean {
  return tall(cropSize(quad));
}

/** Crops `quad` upright to a w x h image; a vertical one (isVertical) is turned 90° counter-clockwise. */
export function cropQuad(img: RgbImage, quad: Quad): RgbImage {
  const size = cropSize(quad);
  const { w, h } = size;
  const out = copyUpright(img, quad, w, h) ?? warp(img, quad, w, h);
  const crop = { data: out, width: w, height: h };
  return tall(size) ? rotate90ccw(crop) : crop;
}

/** The upright whole-pixel rectangle x0..x1 × y0..y1 of the image (inside it), never turned: a region to look at again. */
export function cropRect(img: RgbImage, x0: number, y0: number, x1: number, y1: number): RgbImage {
  const [w, h] = [x1 - x0, y1 - y0];
  const quad: Quad = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  return { data: copyUpright(img, quad, w, h) ?? warp(img, quad, w, h), width: w, height: h };
}

/**
 * The crop of an upright whole-pixel rectangle inside the image (most boxes on scans and screenshots): its rows are
 * copied, byte for byte what the warp samples there, without the arithmetic per pixel (docs/pipeline.md).
 */
function copyUpright(img: RgbImage, quad: Quad, w: number, h: number): Uint8Array | undefined {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = quad;
  const upright = x1 === x0 + w && y1 === y0 && x2 === x1 && y2 === y0 + h && x3 === x0 && y3 === y2;
  if (!upright || !Number.isInteger(x0) || !Number.isInteger(y0)) return undefined;
  if (x0 < 0 || y0 < 0 || x0 + w > img.width || y0 + h > img.height) return undefined;
  const out = new Uint8Array(w * h * 3);
  const row = w * 3;
  for (let y = 0; y < h; y++) {
    const src = ((y0 + y) * img.width + x0) * 3;
    out.set(img.data.subarray(src, src + row), y * row);
  }
  return out;
}

/** The homography taking a w x h crop's pixel coordinates to the points of `quad` in the image it is cut from. */
export function cropHomography(quad: Quad, w: number, h: number): number[] {
  return homography(
    [
      [0, 0],
      [w, 0],
      [w, h],
      [0, h],
    ],
    quad,
  );
}

/** Samples the perspective warp of `quad` onto a w x h image (any quad; the reference for the upright copy). */
export function warp(img: RgbImage, quad: Quad, w: number, h: number): Uint8Array {
  const H = cropHomography(quad, w, h);
  const out = new Uint8Array(w * h * 3);
  const [h0, h1, h2, h3, h4, h5, h6, h7] = H as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const { data, width: iw, height: ih } = img;
  const [xm, ym] = [iw - 1, ih - 1];
  // Bilinear with edge replication, inlined and with each row's terms hoisted: this runs per crop pixel.
  for (let y = 0, o = 0; y < h; y++) {
    const [ay, by, dy] = [h1 * y, h4 * y, h7 * y];
    for (let x = 0; x < w; x++, o += 3) {
      const den = h6 * x + dy + 1;
      const sx = (h0 * x + ay + h2) / den;
      const sy = (h3 * x + by + h5) / den;
      const cx = sx < 0 ? 0 : sx > xm ? xm : sx;
      const cy = sy < 0 ? 0 : sy > ym ? ym : sy;
      const x0 = Math.floor(cx);
      const y0 = Math.floor(cy);
      const [fx, fy] = [cx - x0, cy - y0];
      const [gx, gy] = [1 - fx, 1 - fy];
      const ia = (y0 * iw + x0) * 3;
      const ib = x0 < xm ? ia + 3 : ia;
      const ic = y0 < ym ? ia + iw * 3 : ia;
      const id = x0 < xm ? ic + 3 : ic;
      out[o] = (data[ia]! * gx + data[ib]! * fx) * gy + (data[ic]! * gx + data[id]! * fx) * fy;
      out[o + 1] =
        (data[ia + 1]! * gx + data[ib + 1]! * fx) * gy + (data[ic + 1]! * gx + data[id + 1]! * fx) * fy;
      out[o + 2] =
        (data[ia + 2]! * gx + data[ib + 2]! * fx) * gy + (data[ic + 2]! * gx + data[id + 2]! * fx) * fy;
    }
  }
  return out;
}

/** Rotates an image 90° counter-clockwise (numpy's rot90). */
export function rotate90ccw(img: RgbImage): RgbImage {
  const { data, width: w, height: h } = img;
  const out = new Uint8Array(w * h * 3);
  for (let y = 0; y < w; y++) {
    for (let x = 0; x < h; x++) {
      const src = (x * w + (w - 1 - y)) * 3;
      const dst = (y * h + x) * 3;
      out[dst] = data[src]!;
      out[dst + 1] = data[src + 1]!;
      out[dst + 2] = data[src + 2]!;
    }
  }
  return { data: out, width: h, height: w };
}

/** Rotates an image by 180°. */
export function rotate180(img: RgbImage): RgbImage {
  const { data, width: w, height: h } = img;
  const out = new Uint8Array(data.length);
  const n = w * h;
  for (let i = 0; i < n; i++) {
    const s = i * 3;
    const d = (n - 1 - i) * 3;
    out[d] = data[s]!;
    out[d + 1] = data[s + 1]!;
    out[d + 2] = data[s + 2]!;
  }
  return { data: out, width: w, height: h };
}
