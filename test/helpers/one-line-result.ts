/** A recogniser's result made by hand: one line in an upright box, for tests of what is built from a result. */
import type { OcrResult } from '../../app/ocr/types';

/** The result of a `width` × `height` page read as one line `text` (its one word `word`) in [x0, y0, x1, y1]. */
export function oneLineResult(
  width: number,
  height: number,
  text: string,
  [x0, y0, x1, y1]: readonly number[],
  word = text,
): OcrResult {
  const box = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ] as [number, number][];
  return {
    width,
    height,
    lines: [{ text, score: 0.9, box, words: [{ text: word, box }] }],
    text,
    ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 0 },
    provider: 'cpu',
  } as unknown as OcrResult;
}
