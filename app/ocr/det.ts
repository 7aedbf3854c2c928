/** The detection step: normalise the page's detector input, run the DB model, post-process to boxes. */
import * as ort from 'onnxruntime-node';
import type { DetParams } from '../models/manifest';
import { dbDetect, type DetBox } from './db-postprocess';
import { detShape, EXACT_SHAPES, type ShapePolicy } from './shape-buckets';
import { withInputBuffer } from './input-pool';
import { writePlanes } from './tensor';
import type { Page, Quad } from './types';

/** The top-left w×h corner of a row-major map `stride` wide (the map itself when it is exactly that wide). */
function topLeft(data: Float32Array, stride: number, w: number, h: number): Float32Array {
  if (stride === w) return data.subarray(0, w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) out.set(data.subarray(y * stride, y * stride + w), y * w);
  return out;
}

/**
 * Runs detection on `page.detInput` (sized by det-size.ts: sides in multiples of 32), padded at the bottom and right
 * to the policy's shape, and returns boxes and faint lines (db-postprocess.ts) in `page.image` pixels, plus the time
 * spent inside onnxruntime.
 */
export async function detect(
  session: ort.InferenceSession,
  page: Page,
  p: DetParams,
  shapes: ShapePolicy = EXACT_SHAPES,
): Promise<{ boxes: DetBox[]; faintLines: Quad[]; runMs: number }> {
  const { image: img, detInput: resized } = page;
  const size = { w: resized.width, h: resized.height };
  const run = detShape(shapes, size.w, size.h);
  const padded = run.w !== size.w || run.h !== size.h;
  const { out, runMs } = await withInputBuffer(3 * run.w * run.h, padded, async (input) => {
    writePlanes(resized, input, p.channelOrder, { mean: p.mean, std: p.std }, run.w, run.h);
    const t = performance.now();
    const res = await session.run({
      [session.inputNames[0]!]: new ort.Tensor('float32', input, [1, 3, run.h, run.w]),
    });
    return { out: res, runMs: performance.now() - t };
  });
  const map = out[session.outputNames[0]!]!;
  const data = topLeft(map.data as Float32Array, run.w, size.w, size.h);
  const found = dbDetect({ data, width: size.w, height: size.h }, p, img.width, img.height);
  map.dispose();
  return { ...found, runMs };
}
