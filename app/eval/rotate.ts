/**
 * Rotated evaluation: each image is turned before it is recognised, as a page scanned or photographed sideways would
 * be, and the predicted boxes are turned back so the do-not-care regions of the upright ground truth still apply.
 */
import sharp from 'sharp';
import { ORIENTATIONS, uprightQuad, type Orientation } from '../ocr/orientation';
import type { Prediction } from './evaluate';

/** The page turns the eval can apply (clockwise degrees). */
export const ROTATIONS = ORIENTATIONS;

/** A clockwise page turn. */
export type Rotation = Orientation;

/** Whether a number is one of the page turns. */
export function isRotation(n: number): n is Rotation {
  return (ROTATIONS as readonly number[]).includes(n);
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
  return { ...p, lines: p.lines.map((l) => (l.box ? { ...l, box: uprightQuad(l.box, angle, w, h) } : l)) };
}
