/** The detection step: normalise the page's detector input, run the DB model, post-process to boxes. */
import * as ort from 'onnxruntime-node';
import type { DetParams } from '../models/manifest';
import { dbPostprocess, type DetBox } from './db-postprocess';
import { withInputBuffer } from './input-pool';
import { writePlanes } from './tensor';
import type { Page } from './types';

/**
 * Runs detection on `page.detInput` (sized by det-size.ts: sides in multiples of 32) and returns boxes in `page.image`
 * pixels, plus the time spent inside onnxruntime.
 */
export async function detect(
  session: ort.InferenceSession,
  page: Page,
  p: DetParams,
): Promise<{ boxes: DetBox[]; runMs: number }> {
  const { image: img, detInput: resized } = page;
  const size = { w: resized.width, h: resized.height };
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
