/** CTC greedy decoding of the recogniser's output (PaddleOCR's CTCLabelDecode), with word-gap space recovery. */

import type { WordSpan } from './word-spans';

/** Builds the recogniser's label list: blank, the dictionary, then a space when the model uses one. */
export function ctcCharset(dictionary: readonly string[], useSpaceChar: boolean): readonly string[] {
  return ['', ...dictionary, ...(useSpaceChar ? [' '] : [])];
}

/** One decoded sequence: its text and the mean probability of the kept characters. */
export interface Decoded {
  readonly text: string;
  readonly score: number;
  /** Its words and where they lie along the crop, where the read says (word-spans.ts). */
  readonly words?: readonly WordSpan[];
}

/** An emitted character, the time steps its run covers and its probability (at its first step). */
export interface Emitted {
  readonly ch: string;
  readonly start: number;
  end: number;
  readonly p: number;
  /**
   * The highest probability the recogniser gave its space class in the blank steps between the previous character
   * and this one (0 or absent: none), the evidence for a word space it did not emit (ink-space.ts).
   */
  readonly spaceBefore?: number;
}

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/**
 * The widest Latin glyphs. CTC fires near the middle of a glyph, so beside a wide one the run of blank steps is a step
 * longer with no space there ("ju mps", "fro m"): a gap next to one must be a step wider to count as a word break.
 */
const WIDE = /[mwMW@%]/u;

/** CJK ideographs: one em wide, so the step pitch between two of them measures the line's em. */
const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const LATIN_WORD = /[A-Za-z0-9]/u;

/** Fewest ideograph-to-ideograph pitches a line needs before its em is trusted. */
const MIN_EM_PITCHES = 3;

/**
 * The line's em in recogniser steps (median start-to-start pitch of adjacent ideographs), or undefined when the line
 * has too few ideograph pairs to tell.
 */
function emSteps(chars: readonly Emitted[]): number | undefined {
  const pitches: number[] = [];
  for (let i = 1; i < chars.length; i++)
    if (IDEOGRAPH.test(chars[i]!.ch) && IDEOGRAPH.test(chars[i - 1]!.ch))
      pitches.push(chars[i]!.start - chars[i - 1]!.start);
  if (pitches.length < MIN_EM_PITCHES) return undefined;
  return [...pitches].sort((a, b) => a - b)[Math.floor(pitches.length / 2)];
}

/**
 * Whether an ideograph and a Latin letter or digit side by side have a word space between them. Set solid, their
 * starts are at most an em apart (the ideograph's advance is an em, a Latin glyph's about half of one, and the step
 * lands inside each glyph), so a pitch beyond the em (at least a step more, the step being a quarter em or so) can
 * only be space: the quarter to a third of an em that mixed Chinese-Latin text puts around Latin words.
 */
function mixedScriptSpace(a: Emitted, b: Emitted, em: number | undefined): boolean {
  if (em === undefined) return false;
  const mixed =
    (IDEOGRAPH.test(a.ch) && LATIN_WORD.test(b.ch)) || (LATIN_WORD.test(a.ch) && IDEOGRAPH.test(b.ch));
  return mixed && b.start - a.start > em;
}

/** A word-space verdict on two characters side by side: true or false decides, undefined leaves it to the steps. */
export type SpaceVerdict = (a: Emitted, b: Emitted) => boolean | undefined;

/**
 * Re-inserts spaces the Chinese+English model drops between Latin words: a gap of blank steps at least twice the
 * line's median inter-character gap (and at least 4 steps; one more beside a wide glyph) between two non-CJK
 * characters is a word break. A line read squeezed (rec.ts: `squeeze` < 1) has its fixed step counts scaled by the
 * squeeze and rounded to the nearest step, so its 4-step word gaps, now 3 steps, still count. Between an ideograph and
 * a Latin letter or digit the space is told by their pitch against the line's em instead (mixedScriptSpace). Where
 * `verdict` decides a pair (the crop's ink, ink-space.ts), it overrides the steps; the model's own spaces stay. At most
 * one space is put between two characters, none at either end.
 */
export function withWordGaps(chars: readonly Emitted[], squeeze = 1, verdict?: SpaceVerdict): string {
  const gaps: number[] = [];
  for (let i = 1; i < chars.length; i++)
    if (chars[i]!.ch !== ' ' && chars[i - 1]!.ch !== ' ') gaps.push(chars[i]!.start - chars[i - 1]!.end - 1);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
  const threshold = Math.max(4 * squeeze, 2 * median);
  const em = emSteps(chars);
  const stepSpace = (a: Emitted, b: Emitted) => {
    const gap = b.start - a.end - 1;
    const need = threshold + (WIDE.test(a.ch) || WIDE.test(b.ch) ? squeeze : 0);
    return (gap + 0.5 >= need && !CJK.test(a.ch) && !CJK.test(b.ch)) || mixedScriptSpace(a, b, em);
  };
  let out = '';
  let prev: Emitted | undefined;
  let spaced = false;
  for (const c of chars) {
    if (c.ch === ' ') {
      spaced = true;
      continue;
    }
    if (prev && (spaced || (verdict?.(prev, c) ?? stepSpace(prev, c)))) out += ' ';
    out += c.ch;
    prev = c;
    spaced = false;
  }
  return out;
}

/** Per time step of one sequence: the most probable class, its probability and the last class's probability. */
export interface StepMaxima {
  readonly index: ArrayLike<number>;
  readonly prob: ArrayLike<number>;
  readonly last: ArrayLike<number>;
}

/**
 * The step maxima of sequence `i` of `steps` x `classes` softmax probabilities, for a recogniser without the CTC head
 * (graph/ctc-head.ts). A probability above 0.5 is the argmax (the rest sum to less), so most steps — blanks, sure
 * characters — stop scanning the 6,625 classes early.
 */
export function stepMaxima(probs: Float32Array, i: number, steps: number, classes: number): StepMaxima {
  const index = new Int32Array(steps);
  const prob = new Float32Array(steps);
  const last = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    const base = (i * steps + t) * classes;
    last[t] = probs[base + classes - 1]!;
    let best = 0;
    let bestP = probs[base]!;
    if (bestP <= 0.5)
      for (let c = 1; c < classes; c++) {
        const p = probs[base + c]!;
        if (p > bestP) {
          bestP = p;
          best = c;
          if (p > 0.5) break;
        }
      }
    index[t] = best;
    prob[t] = bestP;
  }
  return { index, prob, last };
}

/**
 * Greedy CTC over one sequence's step maxima: repeats collapsed, blanks dropped (PaddleOCR's CTCLabelDecode). Where the
 * charset ends in a space (its last class), each character also gets the space's highest probability in the blank
 * steps before it.
 */
export function ctcEmit(m: StepMaxima, charset: readonly string[]): Emitted[] {
  const chars: Emitted[] = [];
  const space = charset[charset.length - 1] === ' ';
  let prev = -1;
  for (let t = 0; t < m.index.length; t++) {
    const best = m.index[t]!;
    if (best !== 0 && best === prev) chars[chars.length - 1]!.end = t;
    else if (best !== 0) {
      const before = chars[chars.length - 1];
      let spaceBefore = 0;
      if (space && before)
        for (let u = before.end + 1; u < t; u++) spaceBefore = Math.max(spaceBefore, m.last[u]!);
      chars.push({ ch: charset[best] ?? '', start: t, end: t, p: m.prob[t]!, spaceBefore });
    }
    prev = best;
  }
  return chars;
}

/**
 * Text and score of emitted characters (PaddleOCR's score: the mean probability of the kept characters); `squeeze`
 * is how much narrower than at its natural width the line was read.
 */
export function decodedOf(chars: readonly Emitted[], squeeze = 1, verdict?: SpaceVerdict): Decoded {
  return {
    text: withWordGaps(chars, squeeze, verdict),
    score: chars.length === 0 ? 0 : chars.reduce((a, c) => a + c.p, 0) / chars.length,
  };
}
