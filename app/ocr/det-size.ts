/** The detector's input size for an image, as a pure function both the pipeline and the image thread can import. */
import type { DetParams } from '../models/manifest';

/** The part of the detector's parameters that fixes its input size. */
export type SideLimit = Pick<DetParams, 'limitSideLen' | 'limitType'>;

/** Detector input size for an image (PaddleOCR's DetResizeForTest type 0: side limit, multiples of 32). */
export function detInputSize(w: number, h: number, p: SideLimit): { w: number; h: number } {
  let ratio = 1;
  if (p.limitType === 'max') {
    if (Math.max(w, h) > p.limitSideLen) ratio = p.limitSideLen / Math.max(w, h);
  } else if (Math.min(w, h) < p.limitSideLen) {
    ratio = p.limitSideLen / Math.min(w, h);
  }
  const r32 = (v: number) => Math.max(Math.round(Math.trunc(v * ratio) / 32) * 32, 32);
  return { w: r32(w), h: r32(h) };
}
