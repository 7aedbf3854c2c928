/** Upright detector boxes for the detection tests, from their corners. */
import type { DetBox } from '../../app/ocr/db-postprocess';
import type { Quad } from '../../app/ocr/types';

/** The quad of an upright rectangle, clockwise from its top-left corner. */
export const rect = (x0: number, y0: number, x1: number, y1: number): Quad => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

/** A detector box over an upright rectangle. */
export const box = (x0: number, y0: number, x1: number, y1: number, score = 0.9): DetBox => ({
  quad: rect(x0, y0, x1, y1),
  score,
});
