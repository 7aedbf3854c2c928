/** Which OCR lines of a force-OCRed page its own text already holds, so its searchable copy layers only the rest. */
import { quadBounds } from '../ocr/geometry';
import type { OcrLine } from '../ocr/types';

/** Share of an OCR line's box that own text must cover for the line to count as that text read again. */
const COVERED = 0.25;

type Rect = readonly [number, number, number, number];

const rectOf = (l: OcrLine): Rect => {
  const b = quadBounds(l.box);
  return [b.x0, b.y0, b.x1, b.y1];
};
const area = (r: Rect) => Math.max(0, r[2] - r[0]) * Math.max(0, r[3] - r[1]);
const overlap = (a: Rect, b: Rect) =>
  area([Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]);

/**
 * Indices of the OCR `lines` (in a `width` × `height` read) that lie on the page's own text (`own`, in its
 * `ownWidth` × `ownHeight` frame): a stamp or an earlier OCR layer over a scan holds those words already, the scan's
 * other lines are searchable only through the OCR.
 */
export function ownLineIndices(
  lines: readonly OcrLine[],
  [width, height]: readonly [number, number],
  own: readonly OcrLine[],
  [ownWidth, ownHeight]: readonly [number, number],
): number[] {
  const [kx, ky] = [width / ownWidth, height / ownHeight];
  const ownRects = own.map((l) => {
    const [x0, y0, x1, y1] = rectOf(l);
    return [x0 * kx, y0 * ky, x1 * kx, y1 * ky] as const;
  });
  return lines.flatMap((l, i) => {
    const r = rectOf(l);
    const covered = ownRects.reduce((sum, o) => sum + overlap(r, o), 0);
    return covered >= COVERED * Math.max(area(r), 1) ? [i] : [];
  });
}
