/**
 * Line crops, whose text touches the image's edges. The detector is padded first: DB finds a text's shrunk kernel and
 * grows it by the unclip distance, so a box around text at the edge is cut off by the border (a 7-character plate read
 * as its middle 4). And when detection still cuts the text, the whole image, which holds everything the boxes hold and
 * more, is read too: kept when it reads confidently and yields more characters than the boxes together.
 */
import type { Decoded } from './ctc';
import { REREAD_BELOW } from './margin-reread';
import type { Point, Quad, RgbImage } from './types';

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

/**
 * Longest side of an image taken as one word or short line when detection finds a single box in it: ten recogniser
 * heights (48 px), the size of a scene-text word crop or a word captured from a 2× screen, well below any page, screen
 * or photo.
 */
export const WORD_IMAGE_MAX_SIDE = 480;

/**
 * Whether the whole image is read as well as its boxes (the better kept, wholeReadWins): a line crop whose detection
 * found boxes (they may cut its text), an image where detection found none, and a word-sized image where it found one
 * (a slanted or stylised word of which DB found a part: "WORKSHOPE" read as its "O").
 */
export function alsoReadWhole(
  img: { readonly width: number; readonly height: number },
  lineCrop: boolean,
  boxes: number,
): boolean {
  if (lineCrop) return boxes > 0;
  return boxes === 0 || (boxes === 1 && Math.max(img.width, img.height) <= WORD_IMAGE_MAX_SIDE);
}

/**
 * Padding on each side of a line crop before detection: the unclip distance of a long box of the crop's height (DB
 * grows a box by area × 1.5 ÷ perimeter, about 0.75 of its height for a long line), so a box around text that fills
 * the crop fits inside the padded image whole.
 */
export function linePad(img: RgbImage): number {
  return Math.max(1, Math.round(0.75 * img.height));
}

/**
 * The image with `pad` pixels added on every side, each a copy of the nearest edge pixel (the background goes on), and
 * more on the right and bottom to make each side a multiple of `grid` (a detector input it need not be resized to).
 */
export function padEdges(img: RgbImage, pad: number, grid = 1): RgbImage {
  const width = Math.ceil((img.width + 2 * pad) / grid) * grid;
  const height = Math.ceil((img.height + 2 * pad) / grid) * grid;
  const right = width - pad - img.width;
  const data = new Uint8Array(width * height * 3);
  const rowBytes = img.width * 3;
  // Row by row: the source row once, then its first and last pixels repeated out to the sides.
  for (let y = 0; y < height; y++) {
    const src = Math.min(img.height - 1, Math.max(0, y - pad)) * rowBytes;
    const at = y * width * 3;
    data.set(img.data.subarray(src, src + rowBytes), at + pad * 3);
    const last = src + rowBytes - 3;
    for (let x = 0; x < Math.max(pad, right); x++)
      for (let c = 0; c < 3; c++) {
        if (x < pad) data[at + x * 3 + c] = img.data[src + c]!;
        if (x < right) data[at + (pad + img.width + x) * 3 + c] = img.data[last + c]!;
      }
  }
  return { data, width, height };
}

/** A quad found on the padded image, in the crop's own pixels (clipped to it). */
export function unpadQuad(q: Quad, pad: number, img: RgbImage): Quad {
  const at = ([x, y]: Point): Point => [
    Math.min(img.width, Math.max(0, x - pad)),
    Math.min(img.height, Math.max(0, y - pad)),
  ];
  return [at(q[0]), at(q[1]), at(q[2]), at(q[3])];
}
