/**
 * The side a line crop is detected at. Shrunk to the detector's usual 960 px on its long side, a long strip (a terminal
 * line, a URL bar, a spreadsheet row: 21 px tall and 2,000 px long) has its text about 7 px tall, under the size DB
 * finds, and it then finds only the strip's ends, or a box that cuts the line's ink. A strip is a sliver of pixels, so
 * seeing it larger is cheap.
 */
import { FINE_MAX_PIXELS } from './fine-scale';

/**
 * A line crop's ink (the rows its text spans, ink-spaces.ts) is seen at least this tall at the detector's input, never
 * larger than its own pixels: a margin above the height under which the detector loses a strip's text (measured in
 * docs/layout.md, "Line crops read whole"). A short crop, seen at the usual size, is already larger.
 */
export const LINE_DET_INK = 20;

/**
 * The longest side to detect a line crop at, padded to `padded`, its ink `inkHeight` px tall: the usual `limit`, or
 * more where that would shrink the ink under LINE_DET_INK, within the finer pass's pixel cap (FINE_MAX_PIXELS,
 * docs/memory.md).
 */
export function lineDetSide(
  inkHeight: number,
  padded: { readonly width: number; readonly height: number },
  limit: number,
): number {
  const long = Math.max(padded.width, padded.height);
  const short = Math.max(1, Math.min(padded.width, padded.height));
  const inkSized = Math.round(long * Math.min(1, LINE_DET_INK / Math.max(1, inkHeight)));
  const withinPixels = Math.floor(Math.sqrt((FINE_MAX_PIXELS * long) / short));
  return Math.max(limit, Math.min(inkSized, withinPixels));
}
