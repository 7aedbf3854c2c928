/**
 * Packing of short crops for recognition. The recogniser reads a line at height 48 and PaddleOCR pads every crop to at
 * least 320 px wide (its training width; accuracy drops without it), so a receipt's many short crops ("RM", "12.00")
 * are mostly padding: a third of the recogniser's pixels on SROIE. Short crops are instead laid side by side, each at
 * height 48 with a background-coloured gap (what the model sees between words), in 320-px slots; one read of the slot is
 * then split back to its crops by where each character sits. Only crops that look like one line of print share a slot
 * (similar height and background): packing unlike scene-text crops cost accuracy on ICDAR 2015, receipts gained a bit.
 */
import { decodedOf, type Decoded, type Emitted } from './ctc';
import type * as ort from 'onnxruntime-node';
import type { RecParams } from '../models/manifest';
import { recognizeSequences, single, widthAt, type RecPart, type RecRead, type RecSequence } from './rec';
import { inkVerdict } from './ink-space';
import { gutterBreaks, withInkSpaces } from './ink-spaces';
import { wordSpans } from './word-spans';
import { EXACT_SHAPES, type ShapePolicy } from './shape-buckets';
import { joinPieceReads, longCropPieces, pieceImages } from './long-crops';
import type { RgbImage } from './types';

/** Gap between packed crops in pixels at height 48: three output steps of the recogniser. */
export const PACK_GAP = 24;

/** Crops share a slot only when they look like one line of print: similar text height and background. */
const SIMILAR_HEIGHT = 1.5;
const SIMILAR_BACKGROUND = 48;

/** Groups crops narrower than `slot` into slots (first fit, widest first); other crops stay alone. */
export function packSlots(
  widths: readonly number[],
  slot: number,
  gap = PACK_GAP,
  fits: (a: number, b: number) => boolean = () => true,
): number[][] {
  const alone: number[][] = [];
  const bins: { used: number; items: number[] }[] = [];
  const order = widths.map((_, i) => i).sort((a, b) => widths[b]! - widths[a]! || a - b);
  for (const i of order) {
    const w = widths[i]!;
    if (w + gap >= slot) {
      alone.push([i]);
      continue;
    }
    const bin = bins.find((b) => b.used + gap + w <= slot && fits(b.items[0]!, i));
    if (bin) {
      bin.used += gap + w;
      bin.items.push(i);
    } else bins.push({ used: w, items: [i] });
  }
  return [...alone, ...bins.map((b) => b.items.sort((x, y) => x - y))];
}

/** Mean colour of an image's border pixels: the background a gap next to it should have. */
function borderColour(img: RgbImage): number[] {
  const sum = [0, 0, 0];
  let n = 0;
  const add = (x: number, y: number) => {
    const o = (y * img.width + x) * 3;
    sum[0]! += img.data[o]!;
    sum[1]! += img.data[o + 1]!;
    sum[2]! += img.data[o + 2]!;
    n++;
  };
  for (let x = 0; x < img.width; x++) {
    add(x, 0);
    add(x, img.height - 1);
  }
  for (let y = 1; y < img.height - 1; y++) {
    add(0, y);
    add(img.width - 1, y);
  }
  return sum.map((v) => Math.round(v / Math.max(1, n)));
}

/** The recogniser's sequences for `crops` and, per sequence, the crop index of each of its parts. */
export function packCrops(
  crops: readonly RgbImage[],
  p: Pick<RecParams, 'height' | 'maxWidth' | 'minWidth'>,
): { seqs: RecSequence[]; owners: number[][] } {
  const widths = crops.map((c) => widthAt(c, p));
  const bg = crops.map((c, i) => (widths[i]! + PACK_GAP < p.minWidth ? borderColour(c) : []));
  const alike = (a: number, b: number) =>
    Math.max(crops[a]!.height, crops[b]!.height) <=
      SIMILAR_HEIGHT * Math.min(crops[a]!.height, crops[b]!.height) &&
    bg[a]!.every((v, c) => Math.abs(v - bg[b]![c]!) <= SIMILAR_BACKGROUND);
  const groups = packSlots(widths, p.minWidth, PACK_GAP, alike);
  const seqs = groups.map((group): RecSequence => {
    if (group.length === 1) return single(crops[group[0]!]!, p);
    let x = 0;
    const parts: RecSequence['parts'][number][] = [];
    const gaps: RecSequence['gaps'][number][] = [];
    group.forEach((i, k) => {
      if (k > 0) {
        gaps.push({ x0: x, x1: x + PACK_GAP, rgb: bg[i]! });
        x += PACK_GAP;
      }
      parts.push({ image: crops[i]!, x0: x, w: widths[i]! });
      x += widths[i]!;
    });
    return { width: x, parts, gaps, squeeze: 1 };
  });
  return { seqs, owners: groups };
}

/**
 * Splits the read of a sequence back into one result per part, by the position of each character: a part owns its
 * columns and half of each gap beside it, except for spaces, which in a gap are only the gap.
 */
export function splitRead(read: RecRead, seq: RecSequence): Decoded[] {
  const half = PACK_GAP / 2;
  return seq.parts.map((part) => {
    const chars = read.chars.filter((ch) => {
      const x = ((ch.start + ch.end + 1) / 2) * read.stepPx;
      const x1 = part.x0 + part.w;
      return ch.ch === ' ' ? x >= part.x0 && x < x1 : x >= part.x0 - half && x < x1 + half;
    });
    return partRead(chars, read.stepPx, part);
  });
}

/**
 * The decoded read of one part's characters, read `squeeze` times its natural width, with the spaces its crop's ink
 * shows (ink-space.ts between Latin characters, ink-spaces.ts in Chinese lines) and its words' spans along the crop.
 */
function partRead(chars: readonly Emitted[], stepPx: number, part: RecPart, squeeze = 1): Decoded {
  const column = (step: number) => ((step * stepPx - part.x0) * part.image.width) / Math.max(part.w, 1);
  const d = decodedOf(chars, squeeze, inkVerdict(chars, part.image, column));
  const text = withInkSpaces(chars, d.text, part.image, column);
  const solid = chars.filter((c) => c.ch !== ' ');
  const breaks = gutterBreaks(chars, part.image, column);
  return { ...d, text, words: wordSpans(solid, text, stepPx, part.x0, part.w, breaks) };
}

/**
 * Reads crops through packed sequences; results come back in the crops' order, with how many sequences were read and
 * how many of them the `fallback` recogniser read again (rec.ts). A crop longer than one read holds is read in pieces
 * and their reads joined (long-crops.ts).
 */
export async function readCrops(
  session: ort.InferenceSession,
  crops: readonly RgbImage[],
  charset: readonly string[],
  p: RecParams,
  shapes: ShapePolicy = EXACT_SHAPES,
  fallback?: ort.InferenceSession,
): Promise<{ texts: Decoded[]; runMs: number; sequences: number; fellBack: number }> {
  const cuts = crops.map((c) => longCropPieces(c, p));
  const pieces = crops.flatMap((c, i) => (cuts[i]!.length === 1 ? [c] : pieceImages(c, cuts[i]!)));
  const read = await readPieces(session, pieces, charset, p, shapes, fallback);
  let next = 0;
  const texts = crops.map((c, i) => {
    const reads = read.texts.slice(next, (next += cuts[i]!.length));
    return reads.length === 1 ? reads[0]! : joinPieceReads(c, cuts[i]!, reads);
  });
  return { ...read, texts };
}

/** Reads crops that each fit one read through packed sequences, in the crops' order. */
async function readPieces(
  session: ort.InferenceSession,
  crops: readonly RgbImage[],
  charset: readonly string[],
  p: RecParams,
  shapes: ShapePolicy,
  fallback?: ort.InferenceSession,
): Promise<{ texts: Decoded[]; runMs: number; sequences: number; fellBack: number }> {
  const { seqs, owners } = packCrops(crops, p);
  const rec = await recognizeSequences(session, seqs, charset, p, shapes, fallback);
  const texts: Decoded[] = new Array(crops.length);
  seqs.forEach((seq, k) => {
    const read = rec.reads[k]!;
    const parts =
      seq.parts.length === 1
        ? [partRead(read.chars, read.stepPx, seq.parts[0]!, seq.squeeze)]
        : splitRead(read, seq);
    parts.forEach((d, j) => (texts[owners[k]![j]!] = d));
  });
  return { texts, runMs: rec.runMs, sequences: seqs.length, fellBack: rec.fellBack };
}
