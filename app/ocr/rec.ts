/** The recognition step: sequences batched by similar width, height 48, padded to the batch width, CTC-decoded. */
import * as ort from 'onnxruntime-node';
import type { RecParams } from '../models/manifest';
import { ctcEmit, decodedOf, stepMaxima, type Decoded, type Emitted, type StepMaxima } from './ctc';
import { CTC_HEAD } from './graph/ctc-head';
import { withInputBuffer } from './input-pool';
import { EXACT_SHAPES, recBatching, recShape, type ShapePolicy } from './shape-buckets';
import { HALF_NORM, writeResized } from './tensor';
import type { RgbImage } from './types';
import { UNSURE_BELOW } from './upright-read';

/** One crop placed in a sequence: resized to the recogniser's height and `w` wide, starting at column `x0`. */
export interface RecPart {
  readonly image: RgbImage;
  readonly x0: number;
  readonly w: number;
}

/** What the recogniser reads as one sequence: usually one crop at column 0; short crops may share one (pack-crops.ts). */
export interface RecSequence {
  readonly width: number;
  readonly parts: readonly RecPart[];
  /** Columns between parts and the 8-bit RGB background they are filled with. */
  readonly gaps: readonly { readonly x0: number; readonly x1: number; readonly rgb: readonly number[] }[];
  /** Read width ÷ natural width at the recogniser's height: below 1 for a long line read squeezed, else 1. */
  readonly squeeze: number;
}

/** The characters read in one sequence, and the input pixels per output step (to place a character along it). */
export interface RecRead {
  readonly chars: readonly Emitted[];
  readonly stepPx: number;
}

/**
 * Lines wider than the recogniser's training width (`minWidth`: 320 at height 48) are read squeezed horizontally to
 * this share of their width, never below the training width. PaddleOCR's training resize squeezes every line wider than
 * 320 px into 320 px, so the model reads squeezed print about as well in fewer columns (the word-gap rule scales its
 * step floor by the squeeze, ctc.ts). Short crops and a stronger squeeze lose accuracy (docs/pipeline.md).
 */
export const LONG_LINE_SQUEEZE = 0.85;

type WidthParams = Pick<RecParams, 'height' | 'minWidth' | 'maxWidth'>;

/** Width, unrounded, a crop is read at: its width at the recogniser's height, long lines squeezed. */
function readWidth(c: RgbImage, p: WidthParams, squeeze: number): number {
  const w = (p.height * c.width) / c.height;
  return Math.min(p.maxWidth, w <= p.minWidth ? w : Math.max(p.minWidth, squeeze * w));
}

/** Width of a crop at the recogniser's height, long lines squeezed (LONG_LINE_SQUEEZE). */
export function widthAt(c: RgbImage, p: WidthParams, squeeze = LONG_LINE_SQUEEZE): number {
  return Math.max(1, Math.ceil(readWidth(c, p, squeeze)));
}

/**
 * A crop alone as a sequence; `squeeze` 1 reads a long line unsqueezed. PaddleOCR's rounding: the batch is as wide as
 * the truncated widest, crops are rounded up.
 */
export function single(image: RgbImage, p: WidthParams, squeeze = LONG_LINE_SQUEEZE): RecSequence {
  const read = readWidth(image, p, squeeze);
  return {
    width: Math.max(1, Math.trunc(read)),
    parts: [{ image, x0: 0, w: Math.max(1, Math.ceil(read)) }],
    gaps: [],
    squeeze: Math.min(1, (read * image.height) / (p.height * image.width)),
  };
}

/**
 * Splits sequence indices into batches of similar width (sorted), as PaddleOCR's TextRecognizer does by ratio, with
 * at most `batch` sequences and `batchColumns` padded columns in each (a line wider than that runs alone).
 */
export function widthBatches(
  widths: readonly number[],
  p: Pick<RecParams, 'batch' | 'batchColumns' | 'minWidth' | 'maxWidth'>,
): number[][] {
  const order = widths.map((_, i) => i).sort((a, b) => widths[a]! - widths[b]!);
  const out: number[][] = [];
  let cur: number[] = [];
  for (const i of order) {
    const w = Math.min(p.maxWidth, Math.max(p.minWidth, widths[i]!));
    if (cur.length > 0 && (cur.length >= p.batch || (cur.length + 1) * w > p.batchColumns)) {
      out.push(cur);
      cur = [];
    }
    cur.push(i);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function writeGap(
  g: RecSequence['gaps'][number],
  dst: Float32Array,
  offset: number,
  h: number,
  padW: number,
  order: RecParams['channelOrder'],
): void {
  const chan = order === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  for (let p = 0; p < 3; p++) {
    const v = (g.rgb[chan[p]!]! / 255 - HALF_NORM.mean[p]!) / HALF_NORM.std[p]!;
    for (let y = 0; y < h; y++)
      dst.fill(v, offset + p * h * padW + y * padW + g.x0, offset + p * h * padW + y * padW + g.x1);
  }
}

/** The outputs a recogniser run fetches: the CTC head's three when the graph has them, else (undefined) all. */
export function recFetches(session: ort.InferenceSession): string[] | undefined {
  const head = [CTC_HEAD.index, CTC_HEAD.prob, CTC_HEAD.last];
  return head.every((n) => session.outputNames.includes(n)) ? head : undefined;
}

/**
 * Runs the recogniser on one batch. With the CTC head (graph/ctc-head.ts) only the per-step argmax, its probability
 * and the last class's are fetched; without it (models loaded as shipped) they are taken from the full probabilities.
 */
async function runRec(
  session: ort.InferenceSession,
  input: ort.Tensor,
): Promise<{ steps: number; sequence: (b: number) => StepMaxima; dispose: () => void }> {
  const feeds = { [session.inputNames[0]!]: input };
  const fetches = recFetches(session);
  if (fetches) {
    const res = await session.run(feeds, fetches);
    const [index, prob, last] = [res[CTC_HEAD.index]!, res[CTC_HEAD.prob]!, res[CTC_HEAD.last]!];
    const steps = index.dims[1]!;
    const [iData, pData] = [index.data as Int32Array, prob.data as Float32Array];
    const lData = last.data as Float32Array;
    return {
      steps,
      sequence: (b) => ({
        index: iData.subarray(b * steps, (b + 1) * steps),
        prob: pData.subarray(b * steps, (b + 1) * steps),
        last: lData.subarray(b * steps, (b + 1) * steps),
      }),
      dispose: () => {
        index.dispose();
        prob.dispose();
        last.dispose();
      },
    };
  }
  const out = (await session.run(feeds))[session.outputNames[0]!]!;
  const [, steps, classes] = out.dims as [number, number, number];
  return {
    steps,
    sequence: (b) => stepMaxima(out.data as Float32Array, b, steps, classes),
    dispose: () => out.dispose(),
  };
}

/** Reads the sequences `idx` of `seqs` as one batch of `count` rows `padW` wide; reads in `idx`'s order. */
async function readBatch(
  session: ort.InferenceSession,
  seqs: readonly RecSequence[],
  idx: readonly number[],
  shape: { readonly count: number; readonly width: number },
  charset: readonly string[],
  p: RecParams,
): Promise<{ reads: RecRead[]; ms: number }> {
  const { count, width: padW } = shape;
  const item = 3 * p.height * padW;
  const { out, ms } = await withInputBuffer(count * item, true, async (input) => {
    idx.forEach((si, b) => {
      const s = seqs[si]!;
      for (const part of s.parts) {
        const w = Math.min(part.w, padW - part.x0);
        writeResized(part.image, w, p.height, padW, input, b * item + part.x0, p.channelOrder, HALF_NORM);
      }
      for (const g of s.gaps) writeGap(g, input, b * item, p.height, padW, p.channelOrder);
    });
    const t = performance.now();
    const out = await runRec(session, new ort.Tensor('float32', input, [count, 3, p.height, padW]));
    return { out, ms: performance.now() - t };
  });
  const reads = idx.map((_, b) => ({ chars: ctcEmit(out.sequence(b), charset), stepPx: padW / out.steps }));
  out.dispose();
  return { reads, ms };
}

/**
 * Reads every sequence; results come back in the sequences' order. Under a bucket policy each batch is padded to its
 * bucket's width and size (the extra sequences are blank and their reads dropped). With a `fallback` recogniser (the
 * int8 cascade: `session` is the int8 one, `fallback` fp32), a sequence read with a mean character probability under
 * the pipeline's unsure bar (UNSURE_BELOW) is read again by the fallback at the same padded width, and that read
 * replaces it: quantisation flips mostly reads near the decision boundary, where confidence is low.
 */
export async function recognizeSequences(
  session: ort.InferenceSession,
  seqs: readonly RecSequence[],
  charset: readonly string[],
  p: RecParams,
  shapes: ShapePolicy = EXACT_SHAPES,
  fallback?: ort.InferenceSession,
): Promise<{ texts: Decoded[]; reads: RecRead[]; runMs: number; fellBack: number }> {
  const reads: RecRead[] = new Array(seqs.length);
  let runMs = 0;
  let fellBack = 0;
  for (const idx of widthBatches(
    seqs.map((s) => s.width),
    recBatching(shapes, p),
  )) {
    const widest = Math.min(p.maxWidth, Math.max(p.minWidth, ...idx.map((i) => seqs[i]!.width)));
    const first = await readBatch(session, seqs, idx, recShape(shapes, idx.length, widest), charset, p);
    runMs += first.ms;
    idx.forEach((si, b) => (reads[si] = first.reads[b]!));
    const unsure = fallback ? idx.filter((si) => decodedOf(reads[si]!.chars).score < UNSURE_BELOW) : [];
    if (fallback && unsure.length > 0) {
      const again = await readBatch(
        fallback,
        seqs,
        unsure,
        recShape(shapes, unsure.length, widest),
        charset,
        p,
      );
      runMs += again.ms;
      fellBack += unsure.length;
      unsure.forEach((si, b) => (reads[si] = again.reads[b]!));
    }
  }
  const texts = reads.map((r, i) => decodedOf(r.chars, seqs[i]!.squeeze));
  return { texts, reads, runMs, fellBack };
}
