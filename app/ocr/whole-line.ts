/**
 * Reading a line crop whole when detection cut it. On a word or plate crop the text touches the image's edges, where
 * the detector's map is weakest, so its box often stops short of the first or last characters (a 7-character plate read
 * as its middle 4). The whole image holds everything the boxes hold and more, so when it reads confidently and yields
 * more characters than the boxes together, its read is kept instead.
 */
import type { Decoded } from './ctc';
import { REREAD_BELOW } from './margin-reread';
import type { Quad, RgbImage } from './types';

/** The quad of a whole image. */
export function wholeQuad(img: RgbImage): Quad {
  return [
    [0, 0],
    [img.width, 0],
    [img.width, img.height],
    [0, img.height],
  ];
}

/** Characters that count: no spaces. */
const size = (s: string) => Array.from(s.replace(/\s/gu, '')).length;

/** Whether the whole-image read beats the boxes' reads: confident, and more characters than all of them together. */
export function wholeReadWins(whole: Decoded, boxes: readonly Decoded[]): boolean {
  return whole.score >= REREAD_BELOW && size(whole.text) > size(boxes.map((d) => d.text).join(''));
}
