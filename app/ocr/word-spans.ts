/** Where each word of a read lies along its crop, from the recogniser's CTC steps, so a text layer can hug the ink. */
import type { Emitted } from './ctc';

/** A word of a read and the share of its crop's width it spans (0: the crop's left edge, 1: its right edge). */
export interface WordSpan {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
  /** Set where the span follows the one before it with no space in the text: a part of a word split at a break. */
  readonly joined?: true;
}

/** The text the spans spell: a space between two spans unless the second is joined to the first. */
export function spansText(spans: readonly WordSpan[]): string {
  return spans.map((s, k) => (k > 0 && !s.joined ? ` ${s.text}` : s.text)).join('');
}

/** A word's characters, and whether it follows the word before it with no space (split at a break). */
type Word = { chars: Emitted[]; joined: boolean };

/**
 * Splits `chars` into words where `text` (the chars with word gaps inserted, ctc.ts) or the chars have a space, and
 * into joined parts before each character of `breaks`.
 */
function wordsOf(chars: readonly Emitted[], text: string, breaks: ReadonlySet<Emitted>): Word[] {
  const t = [...text];
  const words: Word[] = [];
  let cur: Emitted[] = [];
  let spaced = true;
  const flush = (joined: boolean) => {
    if (cur.length > 0) words.push({ chars: cur, joined: !spaced });
    cur = [];
    spaced = !joined;
  };
  let pos = 0;
  for (const c of chars) {
    if (c.ch === '') continue;
    if (c.ch !== ' ' && t[pos] === ' ') {
      flush(false);
      pos++;
    } else if (breaks.has(c) && cur.length > 0) flush(true);
    if (/\s/u.test(c.ch)) flush(false);
    else cur.push(c);
    pos += [...c.ch].length;
  }
  flush(false);
  return words;
}

/**
 * The words of a read and their spans along a crop read from sequence column `x0`, `w` columns wide, at `stepPx`
 * columns per CTC step, a word split in joined parts before each character of `breaks`. A span runs from half a
 * character pitch (the read's median step between neighbouring characters) before its first character's step to its
 * last character's step, where the recogniser fires late in the glyph (measured against Tesseract's word boxes in
 * docs/documents.md).
 */
export function wordSpans(
  chars: readonly Emitted[],
  text: string,
  stepPx: number,
  x0: number,
  w: number,
  breaks: ReadonlySet<Emitted> = new Set(),
): WordSpan[] {
  const words = wordsOf(chars, text, breaks);
  const mid = (c: Emitted) => ((c.start + c.end + 1) / 2) * stepPx;
  const pitches = words.flatMap(({ chars: word }) => word.slice(1).map((c, i) => mid(c) - mid(word[i]!)));
  pitches.sort((a, b) => a - b);
  const pitch = pitches.length > 0 ? pitches[pitches.length >> 1]! : 3 * stepPx;
  const at = (x: number) => Math.min(1, Math.max(0, (x - x0) / Math.max(w, 1e-6)));
  return words.map(({ chars: word, joined }) => ({
    text: word.map((c) => c.ch).join(''),
    x0: at(mid(word[0]!) - pitch / 2),
    x1: at(mid(word[word.length - 1]!)),
    ...(joined ? { joined: true as const } : {}),
  }));
}
