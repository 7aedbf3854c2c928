/** The angle-classifier step: finds crops that are upside down (180°) and turns them. */
import * as ort from 'onnxruntime-node';
import type { ClsParams } from '../models/manifest';
import { rotate180 } from './crop';
import { withInputBuffer } from './input-pool';
import { clsCount, EXACT_SHAPES, type ShapePolicy } from './shape-buckets';
import { HALF_NORM, writeResized } from './tensor';
import type { RgbImage } from './types';

/** Classifies crops in batches and returns them upright (turned where the model is confident they are at 180°). */
export async function orientCrops(
  session: ort.InferenceSession,
  crops: readonly RgbImage[],
  p: ClsParams,
  shapes: ShapePolicy = EXACT_SHAPES,
): Promise<{ crops: RgbImage[]; runMs: number }> {
  const out = [...crops];
  let runMs = 0;
  for (let start = 0; start < crops.length; start += p.batch) {
    const batch = crops.slice(start, start + p.batch);
    const item = 3 * p.height * p.width;
    const count = clsCount(shapes, batch.length, p);
    const { res, ms } = await withInputBuffer(count * item, true, async (input) => {
      batch.forEach((c, i) => {
        const w = Math.min(p.width, Math.ceil((p.height * c.width) / c.height));
        writeResized(c, w, p.height, p.width, input, i * item, 'bgr', HALF_NORM);
      });
      const t = performance.now();
      const res = await session.run({
        [session.inputNames[0]!]: new ort.Tensor('float32', input, [count, 3, p.height, p.width]),
      });
      return { res, ms: performance.now() - t };
    });
    runMs += ms;
    const probs = res[session.outputNames[0]!]!;
    const data = probs.data as Float32Array;
    const k = p.labels.length;
    batch.forEach((c, i) => {
      let best = 0;
      for (let j = 1; j < k; j++) if (data[i * k + j]! > data[i * k + best]!) best = j;
      if (p.labels[best] === 180 && data[i * k + best]! > p.thresh) out[start + i] = rotate180(c);
    });
    probs.dispose();
  }
  return { crops: out, runMs };
}
