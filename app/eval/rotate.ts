/**
 * Rotated evaluation: each image is turned before it is recognised, as a page scanned or photographed sideways would
 * be, and the predicted boxes are turned back so the do-not-care regions of the upright ground truth still apply.
 */
import sharp from 'sharp';
import type { Point, Quad } from '../ocr/types';
import type { Prediction } from './evaluate';

/** The page turns the eval can apply (clockwise degrees). */
export const ROTATIONS = [0, 90, 180, 270] as const;

/** A clockwise page turn. */
export type Rotation = (typeof ROTATIONS)[number];

/** Whether a number is one of the page turns. */
export function isRotation(n: number): n is Rotation {
  return (ROTATIONS as readonly number[]).includes(n);
}

/**
 * A point of an image turned `angle` degrees clockwise (now `w` x `h`) mapped back to the upright image. Pixel edges,
 * not centres: a box edge at x in the turned image is an edge at the mirrored offset in the upright one.
 */
export function unrotatePoint([x, y]: Point, angle: Rotation, w: number, h: number): Point {
  switch (angle) {
    case 0:
      return [x, y];
    case 90:
      return [y, w - x];
    case 180:
      return [w - x, h - y];
    case 270:
      return [h - y, x];
  }
}

/** Turns encoded image bytes `angle` degrees clockwise (PNG out, lossless) and gives the turned size. */
export async function rotateImage(
  bytes: Uint8Array,
  angle: Rotation,
): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(bytes).rotate(angle).png().toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

/** A prediction on a turned image with its boxes mapped back to the upright image. */
export function unrotatePrediction(p: Prediction, angle: Rotation, w: number, h: number): Prediction {
  const back = (q: Quad): Quad => {
    const [a, b, c, d] = q.map((pt) => unrotatePoint(pt, angle, w, h)) as [Point, Point, Point, Point];
    return [a, b, c, d];
  };
  return { ...p, lines: p.lines.map((l) => (l.box ? { ...l, box: back(l.box) } : l)) };
}
