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
  const chan = order === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  const scale = chan.map((_, p) => 1 / (255 * norm.std[p]!));
  const bias = chan.map((_, p) => -norm.mean[p]! / norm.std[p]!);
  const x0s = new Int32Array(outW);
  const x1s = new Int32Array(outW);
  const fxs = new Float32Array(outW);
  for (let x = 0; x < outW; x++) {
    const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), w - 1);
    x0s[x] = Math.floor(fx);
    x1s[x] = Math.min(x0s[x]! + 1, w - 1);
    fxs[x] = fx - x0s[x]!;
  }
  for (let y = 0; y < outH; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), h - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, h - 1);
    const wy = fy - y0;
    const r0 = y0 * w * 3;
    const r1 = y1 * w * 3;
    for (let x = 0; x < outW; x++) {
      const a = x0s[x]! * 3;
      const b = x1s[x]! * 3;
      const wx = fxs[x]!;
      for (let p = 0; p < 3; p++) {
        const c = chan[p]!;
        const top = data[r0 + a + c]! * (1 - wx) + data[r0 + b + c]! * wx;
        const bot = data[r1 + a + c]! * (1 - wx) + data[r1 + b + c]! * wx;
        dst[offset + p * plane + y * padW + x] = (top * (1 - wy) + bot * wy) * scale[p]! + bias[p]!;
      }
    }
  }
}

/** Writes an image already at the tensor size into [3, h, w] planes (no resampling). */
export function writePlanes(
  img: RgbImage,
  dst: Float32Array,
  order: ChannelOrder,
  norm: Normalisation,
): void {
  const { data, width: w, height: h } = img;
  const plane = w * h;
  const chan = order === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  for (let p = 0; p < 3; p++) {
    const c = chan[p]!;
    const s = 1 / (255 * norm.std[p]!);
    const b = -norm.mean[p]! / norm.std[p]!;
    const base = p * plane;
    for (let i = 0; i < plane; i++) dst[base + i] = data[i * 3 + c]! * s + b;
  }
}
