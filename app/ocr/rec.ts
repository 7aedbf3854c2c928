/** The recognition step: crops batched by similar aspect ratio, height 48, padded to the batch width, CTC-decoded. */
import * as ort from 'onnxruntime-node';
import type { RecParams } from '../models/manifest';
import { ctcDecode, type Decoded } from './ctc';
import { HALF_NORM, writeResized } from './tensor';
import type { RgbImage } from './types';

/** Splits crop indices into batches of similar width/height ratio (sorted), as PaddleOCR's TextRecognizer does. */
export function ratioBatches(crops: readonly RgbImage[], batch: number): number[][] {
  const order = crops
    .map((_, i) => i)
    .sort((a, b) => crops[a]!.width / crops[a]!.height - crops[b]!.width / crops[b]!.height);
  const out: number[][] = [];
  for (let i = 0; i < order.length; i += batch) out.push(order.slice(i, i + batch));
  return out;
}

/** Recognises every crop; results come back in the crops' order. */
export async function recognizeCrops(
  session: ort.InferenceSession,
  crops: readonly RgbImage[],
  charset: readonly string[],
  p: RecParams,
): Promise<{ texts: Decoded[]; runMs: number }> {
  const texts: Decoded[] = new Array(crops.length);
  let runMs = 0;
  for (const idx of ratioBatches(crops, p.batch)) {
    const maxRatio = Math.max(p.minWidth / p.height, ...idx.map((i) => crops[i]!.width / crops[i]!.height));
    const padW = Math.min(p.maxWidth, Math.trunc(p.height * maxRatio));
    const item = 3 * p.height * padW;
    const input = new Float32Array(idx.length * item);
    idx.forEach((ci, b) => {
      const c = crops[ci]!;
      const w = Math.max(1, Math.min(padW, Math.ceil((p.height * c.width) / c.height)));
      writeResized(c, w, p.height, padW, input, b * item, p.channelOrder, HALF_NORM);
    });
    const t = performance.now();
    const res = await session.run({
      [session.inputNames[0]!]: new ort.Tensor('float32', input, [idx.length, 3, p.height, padW]),
    });
    runMs += performance.now() - t;
    const out = res[session.outputNames[0]!]!;
    const [n, steps, classes] = out.dims as [number, number, number];
    const decoded = ctcDecode(out.data as Float32Array, n, steps, classes, charset);
    idx.forEach((ci, b) => (texts[ci] = decoded[b]!));
    out.dispose();
  }
  return { texts, runMs };
}
