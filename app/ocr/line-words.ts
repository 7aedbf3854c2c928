/** Words of a line on their own boxes: the spans along its crop (word-spans.ts) mapped back onto the line's quad. */
import { isVertical } from './crop';
import type { WordSpan } from './word-spans';
import { sliceQuad } from './geometry';
import type { OcrWord, Quad } from './types';

const tenth = (v: number) => Math.round(v * 10) / 10;

/** Spans with each joined part put back into its word: a text layer's words are those of the text. */
function wholeWords(spans: readonly WordSpan[]): WordSpan[] {
  const out: WordSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (s.joined && last) out[out.length - 1] = { text: last.text + s.text, x0: last.x0, x1: s.x1 };
    else out.push({ text: s.text, x0: s.x0, x1: s.x1 });
  }
  return out;
}

/**
 * The words of a line read from `quad`'s crop, each on the slice of the quad its span covers; a crop read turned
 * 180° runs right to left along the quad. Vertical lines (whose crop is turned 90°) get none.
 */
export function lineWords(quad: Quad, spans: readonly WordSpan[], turned: boolean): OcrWord[] | undefined {
  if (isVertical(quad) || spans.length === 0) return undefined;
  return wholeWords(spans).map((s) => {
    const [f0, f1] = turned ? [1 - s.x1, 1 - s.x0] : [s.x0, s.x1];
    return { text: s.text, box: sliceQuad(quad, f0, f1, tenth) };
  });
}
