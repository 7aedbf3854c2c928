/** Image-to-tensor steps: bilinear resize with cv2's pixel-centre convention, normalisation into NCHW planes. */
import type { RgbImage } from './types';

/** Channel order of the planes written into a tensor. */
export type ChannelOrder = 'rgb' | 'bgr';

/** Per-plane normalisation: value = (v / 255 - mean) / std. */
export interface Normalisation {
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
}

/** The (v / 255 - 0.5) / 0.5 normalisation of the recogniser and the angle classifier. */
export const HALF_NORM: Normalisation = { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] };

type Triple = [number, number, number];

/** For planes 0, 1, 2: the source channel read, and the scale and bias that normalise its 8-bit value. */
function planeMaps(order: ChannelOrder, norm: Normalisation): { c: Triple; s: Triple; b: Triple } {
  return {
    c: order === 'bgr' ? [2, 1, 0] : [0, 1, 2],
    s: [0, 1, 2].map((p) => 1 / (255 * norm.std[p]!)) as Triple,
    b: [0, 1, 2].map((p) => -norm.mean[p]! / norm.std[p]!) as Triple,
  };
}

/**
 * Resizes `img` to outW x outH (bilinear, cv2 INTER_LINEAR convention) and writes the normalised planes into
 * `dst` at `offset`, laid out [3, outH, padW]; columns outW..padW are left as they are (zero padding).
 */
export function writeResized(
  img: RgbImage,
  outW: number,
  outH: number,
  padW: number,
  dst: Float32Array,
  offset: number,
  order: ChannelOrder,
  norm: Normalisation,
): void {
  const { data, width: w, height: h } = img;
  const sx = w / outW;
  const sy = h / outH;
  const plane = outH * padW;
  // Unrolled below: this runs per tensor pixel.
  const {
    c: [c0, c1, c2],
    s: [s0, s1, s2],
    b: [b0, b1, b2],
  } = planeMaps(order, norm);
  const xa = new Int32Array(outW);
  const xb = new Int32Array(outW);
  const fxs = new Float32Array(outW);
  for (let x = 0; x < outW; x++) {
    const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
    const x0 = Math.floor(fx);
    xa[x] = x0 * 3;
    xb[x] = Math.min(x0 + 1, w - 1) * 3;
    fxs[x] = fx - x0;
  }
  for (let y = 0; y < outH; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const r0 = y0 * w * 3;
    const r1 = Math.min(y0 + 1, h - 1) * w * 3;
    const row = offset + y * padW;
    for (let x = 0; x < outW; x++) {
      const a0 = r0 + xa[x]!;
      const b0r = r0 + xb[x]!;
      const a1 = r1 + xa[x]!;
      const b1r = r1 + xb[x]!;
      const wx = fxs[x]!;
      const w00 = (1 - wx) * (1 - wy);
      const w01 = wx * (1 - wy);
      const w10 = (1 - wx) * wy;
      const w11 = wx * wy;
      const at = row + x;
      dst[at] =
        (data[a0 + c0]! * w00 + data[b0r + c0]! * w01 + data[a1 + c0]! * w10 + data[b1r + c0]! * w11) * s0 +
        b0;
      dst[at + plane] =
        (data[a0 + c1]! * w00 + data[b0r + c1]! * w01 + data[a1 + c1]! * w10 + data[b1r + c1]! * w11) * s1 +
        b1;
      dst[at + 2 * plane] =
        (data[a0 + c2]! * w00 + data[b0r + c2]! * w01 + data[a1 + c2]! * w10 + data[b1r + c2]! * w11) * s2 +
        b2;
    }
  }
}

/**
 * Writes an image already at the tensor size into [3, padH, padW] planes (no resampling), at the top left; cells
 * beyond the image are left as they are (zero padding).
 */
export function writePlanes(
  img: RgbImage,
  dst: Float32Array,
  order: ChannelOrder,
  norm: Normalisation,
  padW = img.width,
  padH = img.height,
): void {
  const { data, width: w, height: h } = img;
  const plane = padW * padH;
  // One pass over the pixels, all three planes at once (three strided passes were twice as slow).
  const {
    c: [c0, c1, c2],
    s: [s0, s1, s2],
    b: [b0, b1, b2],
  } = planeMaps(order, norm);
  // Row by row only when padded: the one flat loop is what the CPU's exact shapes run.
  const rows = padW === w ? 1 : h;
  const run = padW === w ? w * h : w;
  for (let y = 0, j = 0; y < rows; y++) {
    for (let i = y * padW, end = i + run; i < end; i++, j += 3) {
      dst[i] = data[j + c0]! * s0 + b0;
      dst[i + plane] = data[j + c1]! * s1 + b1;
      dst[i + 2 * plane] = data[j + c2]! * s2 + b2;
    }
  }
}
