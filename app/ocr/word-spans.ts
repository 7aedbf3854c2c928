/** Where each word of a read lies along its crop, from the recogniser's CTC steps, so a text layer can hug the ink. */
import type { Emitted } from './ctc';

/** A word of a read and the share of its crop's width it spans (0: the crop's left edge, 1: its right edge). */
export interface WordSpan {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
}

/** Splits `chars` into words where `text` (the chars with word gaps inserted, ctc.ts) or the chars have a space. */
function wordsOf(chars: readonly Emitted[], text: string): Emitted[][] {
  const t = [...text];
  const words: Emitted[][] = [];
  let cur: Emitted[] = [];
  const flush = () => {
    if (cur.length > 0) words.push(cur);
    cur = [];
  };
  let pos = 0;
  for (const c of chars) {
    if (c.ch === '') continue;
    if (c.ch !== ' ' && t[pos] === ' ') {
      flush();
      pos++;
    }
    if (/\s/u.test(c.ch)) flush();
    else cur.push(c);
    pos += [...c.ch].length;
  }
  flush();
  return words;
}

/**
 * The words of a read and their spans along a crop read from sequence column `x0`, `w` columns wide, at `stepPx`
 * columns per CTC step: from half a character pitch (the read's median step between neighbouring characters) before
 * its first character's step to its last character's step, where the recogniser fires late in the glyph (measured
 * against Tesseract's word boxes in docs/documents.md).
 */
export function wordSpans(
  chars: readonly Emitted[],
  text: string,
  stepPx: number,
  x0: number,
  w: number,
): WordSpan[] {
  const words = wordsOf(chars, text);
  const mid = (c: Emitted) => ((c.start + c.end + 1) / 2) * stepPx;
  const pitches = words.flatMap((word) => word.slice(1).map((c, i) => mid(c) - mid(word[i]!)));
  pitches.sort((a, b) => a - b);
  const pitch = pitches.length > 0 ? pitches[pitches.length >> 1]! : 3 * stepPx;
  const at = (x: number) => Math.min(1, Math.max(0, (x - x0) / Math.max(w, 1e-6)));
  return words.map((word) => ({
    text: word.map((c) => c.ch).join(''),
    x0: at(mid(word[0]!) - pitch / 2),
    x1: at(mid(word[word.length - 1]!)),
  }));
}
