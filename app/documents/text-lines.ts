/**
 * Where a PDF's own text starts a new line that PDFium's text page ran on into the one before: Tesseract's layer
 * (ocrmypdf) on a skewed scan moves to its next line with a relative move inside one text object, and PDFium joins
 * such lines once the skew brings the end of one within the height of the next.
 */

/** One character's place in user space: its origin on the baseline, its baseline's direction and its em size. */
export interface GlyphPlace {
  readonly x: number;
  readonly y: number;
  /** Direction of the baseline, radians. */
  readonly angle: number;
  /** The font size across the baseline, in points (Tf scaled by the text and page matrices). */
  readonly em: number;
}

/**
 * Part of an em a baseline may move across the line and stay on it: super- and subscripts move about a third of an em,
 * the next line at least a whole one.
 */
const ACROSS = 0.6;

/** Whether `cur` lies on another line than `prev`: its origin is off prev's baseline by more than ACROSS ems. */
export function startsNewLine(prev: GlyphPlace, cur: GlyphPlace): boolean {
  const across = Math.abs((cur.y - prev.y) * Math.cos(prev.angle) - (cur.x - prev.x) * Math.sin(prev.angle));
  return across > ACROSS * Math.max(prev.em, cur.em);
}
