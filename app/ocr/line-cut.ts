/**
 * A read line as the layout sees it, from its words' spans along the crop: where its ink runs (the detector grows a box
 * past its ink, into a column gutter or up to its neighbour's box), and its cut in two at the word gap on a gutter.
 */
import { isVertical } from './crop';
import { sliceQuad } from './geometry';
import type { Gutter, LineInk } from './gutter-cut';
import { lineWords } from './line-words';
import { median } from './median';
import type { OcrLine } from './types';
import { spansText, type WordSpan } from './word-spans';

/** A line and its words' spans along its crop (shares of the crop's width, left to right). */
export interface SpannedLine {
  readonly line: OcrLine;
  readonly spans: readonly WordSpan[];
}

/** Spans moved into the frame of the slice [f0, f1] of their crop. */
const within = (spans: readonly WordSpan[], f0: number, f1: number): WordSpan[] =>
  spans.map((s) => ({ ...s, x0: (s.x0 - f0) / (f1 - f0), x1: (s.x1 - f0) / (f1 - f0) }));

/**
 * The line cut at the word gap that meets `gutter` (shares of the line's width) within half a line height, nearest
 * the gutter's middle; undefined when no word gap is there, or the spans do not spell the line's text. With `words`,
 * each part carries its words on their boxes.
 */
export function cutAtWordGap(
  l: SpannedLine,
  gutter: Gutter,
  words: boolean,
): readonly [SpannedLine, SpannedLine] | undefined {
  const { line, spans } = l;
  if (spansText(spans) !== line.text.replace(/\s+/gu, ' ')) return undefined;
  const [tl, tr, , bl] = line.box;
  const slack =
    0.5 * (Math.hypot(bl[0] - tl[0], bl[1] - tl[1]) / Math.max(1, Math.hypot(tr[0] - tl[0], tr[1] - tl[1])));
  const mid = (gutter.x0 + gutter.x1) / 2;
  let best: number | undefined;
  for (let k = 1; k < spans.length; k++) {
    const [end, start] = [spans[k - 1]!.x1, spans[k]!.x0];
    if (end > gutter.x1 + slack || start < gutter.x0 - slack) continue;
    const d = Math.abs((end + start) / 2 - mid);
    if (best === undefined || d < Math.abs((spans[best - 1]!.x1 + spans[best]!.x0) / 2 - mid)) best = k;
  }
  if (best === undefined) return undefined;
  const [f0, f1] = [spans[best - 1]!.x1, spans[best]!.x0];
  const part = (from: number, to: number, ss: readonly WordSpan[]): SpannedLine => {
    const box = sliceQuad(line.box, from, to, Math.round);
    const inside = within(ss, from, to);
    const w = words ? lineWords(box, inside, false) : undefined;
    const text = spansText(ss);
    return { line: { text, score: line.score, box, ...(w ? { words: w } : {}) }, spans: inside };
  };
  // The right part starts a line of its own, so its first span follows nothing.
  const [first, ...rest] = spans.slice(best);
  const { joined: _, ...start } = first!;
  return [part(0, f0, spans.slice(0, best)), part(f1, 1, [start, ...rest])];
}

/**
 * The layout's view of a page's lines (and of the parts cut from them), from the spans their reads gave (`spansAt`, by
 * index): each line's words, and a line cut at its word gap on a column gutter. Lines read turned have no spans and are
 * not cut; nor are the spans of a vertical line (its crop runs down its box) given.
 */
export function gutterCut(
  lines: readonly OcrLine[],
  spansAt: readonly (readonly WordSpan[] | undefined)[],
  words: boolean,
): LineInk<OcrLine> {
  const spans = new Map<OcrLine, SpannedLine>();
  lines.forEach((line, i) => {
    const s = spansAt[i];
    if (s) spans.set(line, { line, spans: s });
  });
  return {
    words: (line) => {
      const s = spans.get(line);
      return s && !isVertical(line.box) ? s.spans.map((w) => [w.x0, w.x1] as const) : undefined;
    },
    pitch: (line) => {
      const s = spans.get(line);
      return s && !isVertical(line.box) ? letterPitch(s.spans) : undefined;
    },
    text: (line) => line.text,
    cut: (line, gutter) => {
      const l = spans.get(line);
      const two = l && cutAtWordGap(l, gutter, words);
      if (!two) return undefined;
      for (const p of two) spans.set(p.line, p);
      return [two[0].line, two[1].line];
    },
  };
}

/** Words of this many letters and more tell a line's pitch; shorter ones are mostly their span's estimated ends. */
const PITCH_WORD = 3;

/**
 * A line's letter pitch as a share of its length: the median over its words of three letters or more of span ÷
 * (letters − ½), a span running from half a pitch before the first letter's step to the last letter's (word-spans.ts);
 * undefined with fewer than three such words.
 */
function letterPitch(spans: readonly WordSpan[]): number | undefined {
  const per = spans
    .map((w) => ({ w, n: [...w.text].length }))
    .filter(({ n }) => n >= PITCH_WORD)
    .map(({ w, n }) => (w.x1 - w.x0) / (n - 0.5));
  return per.length >= 3 ? median(per) : undefined;
}
