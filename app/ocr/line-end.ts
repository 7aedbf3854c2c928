/**
 * The final mark of a Chinese line. A line of Chinese text ends in a full stop set in its own (half or full) em at the
 * baseline, apart from the last ideograph: a small blob the detector's kernel, which follows the glyphs' bodies, often
 * stops at or short of, so the mark is lost (the recogniser misses a glyph at the crop's very end, with no background
 * after it) or read as a comma. A Chinese line (ideograph-pairs.ts) read without a sentence-ending mark, with no other
 * box just past its end, has its end read again (its last TAIL_HEIGHTS heights, a short crop that packs with others)
 * with the box reaching END_REACH of its height further; the mark found is kept only when the re-read agrees with the
 * line's text up to it and ends a sentence: the mark was there, nothing else moves.
 */
import type { Decoded } from './ctc';
import type { WordSpan } from './word-spans';
import { isVertical } from './crop';
import { quadBounds } from './geometry';
import { isChineseLine } from './ideograph-pairs';
import type { Point, Quad, RgbImage } from './types';

/** How far past a box's end the final mark is looked for: a third of the box's height, about half an em. */
export const END_REACH = 1 / 3;

/** The steps the re-read needs: crop a quad out of the page, read crops. */
export interface LineEndSteps {
  readonly crop: (quad: Quad) => RgbImage;
  readonly read: (crops: readonly RgbImage[]) => Promise<Decoded[]>;
}

const along = (from: Point, to: Point, by: number): Point => {
  const len = Math.hypot(to[0] - from[0], to[1] - from[1]) || 1;
  return [to[0] + ((to[0] - from[0]) / len) * by, to[1] + ((to[1] - from[1]) / len) * by];
};

/** A horizontal text quad (tl, tr, br, bl) reaching `k` of its height further past its right end, and that strip. */
export function reachEnd(q: Quad, k: number): { readonly box: Quad; readonly strip: Quad } {
  const [tl, tr, br, bl] = q;
  const h = Math.hypot(bl[0] - tl[0], bl[1] - tl[1]);
  const [tr2, br2] = [along(tl, tr, k * h), along(bl, br, k * h)];
  return { box: [tl, tr2, br2, bl], strip: [tr, tr2, br2, br] };
}

const END_MARKS = /[\p{P}\s]+$/u;

/** Marks that end a sentence: a line read ending in one has its final mark. */
const SENTENCE_END = /[.!?;:。！？；：…]$/u;

const overlaps = (a: Quad, b: Quad) => {
  const [p, q] = [quadBounds(a), quadBounds(b)];
  return p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1;
};

/** How much of a line's end is read again: three of its heights, about four ideographs. */
export const TAIL_HEIGHTS = 3;

/** The last `heights` box heights of a horizontal text quad (all of it when it is shorter). */
export function tailOf(q: Quad, heights: number): Quad {
  const [tl, tr, br, bl] = q;
  const h = Math.hypot(bl[0] - tl[0], bl[1] - tl[1]);
  const len = Math.hypot(tr[0] - tl[0], tr[1] - tl[1]);
  if (len <= heights * h) return q;
  return [along(tr, tl, heights * h - len), tr, br, along(br, bl, heights * h - len)];
}

/**
 * The line's text with the final mark its tail's re-read found, or undefined when the re-read changes more than that:
 * the tail's read (its first character dropped, as the tail may start inside a glyph) must end the line's text but
 * for its final punctuation, and must end a sentence.
 */
export function withEndMark(line: string, tail: string): string | undefined {
  const body = line.trimEnd().replace(END_MARKS, '');
  const t = tail.trimEnd();
  const core = [...t.replace(END_MARKS, '')].slice(1).join('').trim();
  if (!SENTENCE_END.test(t) || [...core].length < 2 || !body.endsWith(core)) return undefined;
  const next = body + t.slice(t.replace(END_MARKS, '').length).trim();
  return next === line.trimEnd() ? undefined : next;
}

/** Words of a line whose final mark changed: the last word ends in the new mark (its span stays as read). */
function withLastMark(words: readonly WordSpan[], before: string, after: string): WordSpan[] {
  const tail = (t: string) =>
    t.trimEnd().slice(t.trimEnd().replace(END_MARKS, '').length).replace(/\s/gu, '');
  const [old, mark] = [tail(before), tail(after)];
  const last = words[words.length - 1];
  if (!last) return [...words];
  const stem = last.text.endsWith(old) ? last.text.slice(0, last.text.length - old.length) : last.text;
  return [...words.slice(0, -1), { ...last, text: stem + mark }];
}

/** Reads again the ends of the Chinese lines read without a final mark, reaching further; says which lines gained one (their boxes stay as found). */
export async function rereadLineEnds(
  texts: readonly Decoded[],
  quads: readonly Quad[],
  skip: (index: number) => boolean,
  steps: LineEndSteps,
): Promise<{ texts: Decoded[]; found: number[] }> {
  const tried = quads.flatMap((q, i) => {
    if (skip(i) || isVertical(q) || !isChineseLine(texts[i]!.text)) return [];
    if (SENTENCE_END.test(texts[i]!.text.trimEnd())) return [];
    const reach = reachEnd(q, END_REACH);
    if (quads.some((o, j) => j !== i && overlaps(reach.strip, o))) return [];
    return [{ i, tail: reachEnd(tailOf(q, TAIL_HEIGHTS), END_REACH).box }];
  });
  const out = { texts: [...texts], found: [] as number[] };
  if (tried.length === 0) return out;
  const again = await steps.read(tried.map((t) => steps.crop(t.tail)));
  tried.forEach(({ i }, k) => {
    const text = withEndMark(texts[i]!.text, again[k]!.text);
    if (text === undefined) return;
    const read = texts[i]!;
    out.texts[i] = {
      ...read,
      text,
      ...(read.words ? { words: withLastMark(read.words, read.text, text) } : {}),
    };
    out.found.push(i);
  });
  return out;
}
