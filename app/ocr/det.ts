/** The detection step: resize to the side limit, normalise, run the DB model, post-process to boxes. */
import * as ort from 'onnxruntime-node';
import type { DetParams } from '../models/manifest';
import { dbPostprocess, type DetBox } from './db-postprocess';
import type { ImageOps } from './image-ops';
import { withInputBuffer } from './input-pool';
import { writePlanes } from './tensor';
import type { RgbImage } from './types';

/** Detector input size for an image (PaddleOCR's DetResizeForTest type 0: side limit, multiples of 32). */
export function detInputSize(
  w: number,
  h: number,
  p: Pick<DetParams, 'limitSideLen' | 'limitType'>,
): { w: number; h: number } {
  let ratio = 1;
  if (p.limitType === 'max') {
    if (Math.max(w, h) > p.limitSideLen) ratio = p.limitSideLen / Math.max(w, h);
  } else if (Math.min(w, h) < p.limitSideLen) {
    ratio = p.limitSideLen / Math.min(w, h);
  }
  const r32 = (v: number) => Math.max(Math.round(Math.trunc(v * ratio) / 32) * 32, 32);
  return { w: r32(w), h: r32(h) };
}

/** Runs detection and returns boxes in source-image pixels, plus the time spent inside onnxruntime. */
export async function detect(
  session: ort.InferenceSession,
  img: RgbImage,
  p: DetParams,
  resize: ImageOps['resize'],
): Promise<{ boxes: DetBox[]; runMs: number }> {
  const size = detInputSize(img.width, img.height, p);
  const resized = await resize(img, size.w, size.h);
  const { out, runMs } = await withInputBuffer(3 * size.w * size.h, false, async (input) => {
    writePlanes(resized, input, p.channelOrder, { mean: p.mean, std: p.std });
    const t = performance.now();
    const res = await session.run({
      [session.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, size.h, size.w]),
    });
    return { out: res, runMs: performance.now() - t };
  });
  const map = out[session.outputNames[0]!]!;
  const probs = { data: map.data as Float32Array, width: size.w, height: size.h };
  const boxes = dbPostprocess(probs, p, img.width, img.height);
  map.dispose();
  return { boxes, runMs };
}
