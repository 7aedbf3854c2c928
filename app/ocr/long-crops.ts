/**
 * Lines longer than the recogniser reads. Its input is at most `maxWidth` columns at height 48, so a longer crop (a
 * terminal line, a spreadsheet row, a strip of a receipt), squeezed into it, has its glyphs run together and reads
 * garbled. Such a crop is read in pieces, each cut at the widest blank run of columns in the second half of what one
 * read can hold (a word space, or a gap between cells), and the pieces' reads are joined back into the line's one read.
 */
import type { RecParams } from '../models/manifest';
import type { Decoded } from './ctc';
import { cropRect } from './crop';
import { IDEOGRAPH } from './ideograph-pairs';
import { PROPORTIONAL_SPACE_HEIGHT } from './ink-space';
import { inkProfile } from './ink-spaces';
import { LONG_LINE_SQUEEZE } from './rec';
import type { RgbImage } from './types';

/** A piece of a long crop: its columns [x0, x1) and the blank run it was cut from its left neighbour at. */
export interface CropPiece {
  readonly x0: number;
  readonly x1: number;
  readonly gapBefore: number;
}

/** The widest run of blank columns in [x0, x1) (the first of equals): where it starts and how long it is. */
function widestBlank(ink: Uint8Array, x0: number, x1: number): { x0: number; run: number } {
  let [best, at, run] = [0, x0, 0];
  for (let x = x0; x < x1; x++) {
    run = ink[x] ? 0 : run + 1;
    if (run > best) [best, at] = [run, x - run + 1];
  }
  return { x0: at, run: best };
}

/**
 * Where to cut `crop` so that every piece fits one read (LONG_LINE_SQUEEZE of its width at the recogniser's height, at
 * most `maxWidth`); one piece, the whole crop, when it fits already. A piece ends at the middle of the widest blank run
 * in the second half of what one read holds, or at its end where that half has no blank column (ink from end to end).
 */
export function longCropPieces(crop: RgbImage, p: Pick<RecParams, 'height' | 'maxWidth'>): CropPiece[] {
  const fits = Math.floor((p.maxWidth * crop.height) / (p.height * LONG_LINE_SQUEEZE));
  if (crop.width <= fits) return [{ x0: 0, x1: crop.width, gapBefore: 0 }];
  const { ink } = inkProfile(crop);
  const pieces: CropPiece[] = [];
  let [x0, gapBefore] = [0, 0];
  while (crop.width - x0 > fits) {
    const end = x0 + fits;
    const gap = widestBlank(ink, x0 + Math.ceil(fits / 2), end);
    const cut = gap.run > 0 ? gap.x0 + Math.floor(gap.run / 2) : end;
    pieces.push({ x0, x1: cut, gapBefore });
    [x0, gapBefore] = [cut, gap.run];
  }
  pieces.push({ x0, x1: crop.width, gapBefore });
  return pieces;
}

/** The pieces' images, full height. */
export const pieceImages = (crop: RgbImage, pieces: readonly CropPiece[]): RgbImage[] =>
  pieces.map((q) => cropRect(crop, q.x0, 0, q.x1, crop.height));

/** Characters a read's score is weighed by: no spaces. */
const weight = (d: Decoded) => Array.from(d.text.replace(/\s/gu, '')).length;

/**
 * The reads of a long crop's pieces joined into one: a space between two pieces where their blank run is a word space
 * (PROPORTIONAL_SPACE_HEIGHT of the line's ink height; never between two ideographs, which Chinese sets solid), the
 * score weighed by characters, and the words' spans told along the whole crop.
 */
export function joinPieceReads(
  crop: RgbImage,
  pieces: readonly CropPiece[],
  reads: readonly Decoded[],
): Decoded {
  const inkHeight = inkProfile(crop).height;
  let text = '';
  reads.forEach((d, i) => {
    const piece = d.text.trim();
    if (piece === '') return;
    const [before, after] = [Array.from(text).at(-1) ?? '', Array.from(piece)[0]!];
    const solid = IDEOGRAPH.test(before) && IDEOGRAPH.test(after);
    const space = text !== '' && !solid && pieces[i]!.gapBefore >= PROPORTIONAL_SPACE_HEIGHT * inkHeight;
    text += (space ? ' ' : '') + piece;
  });
  const chars = reads.reduce((a, d) => a + weight(d), 0);
  const score = chars === 0 ? 0 : reads.reduce((a, d) => a + d.score * weight(d), 0) / chars;
  const spans = reads.every((d) => d.words !== undefined)
    ? reads.flatMap((d, i) => {
        const { x0, x1 } = pieces[i]!;
        const along = (f: number) => (x0 + f * (x1 - x0)) / crop.width;
        return d.words!.map((w) => ({ ...w, x0: along(w.x0), x1: along(w.x1) }));
      })
    : undefined;
  return spans ? { text, score, words: spans } : { text, score };
}
