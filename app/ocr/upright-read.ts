/**
 * Reading crops the right way up without classifying every one: the angle classifier (PaddleOCR runs it on every crop)
 * is only asked about crops the recogniser was unsure of, since a line read upside down comes out as low-confidence
 * text. When most of those are upside down the whole image may be, so the rest are checked too. A turned crop is read
 * again and the better-scored read kept.
 */
import type { Decoded } from './ctc';
import type { RgbImage } from './types';

/** Reads below this mean character probability get the orientation check. */
export const UNSURE_BELOW = 0.9;

/** The steps the check needs: read crops, tell which are upside down (confidently), turn one. */
export interface UprightSteps {
  readonly read: (crops: readonly RgbImage[]) => Promise<Decoded[]>;
  readonly upsideDown: (crops: readonly RgbImage[]) => Promise<boolean[]>;
  readonly turn: (crop: RgbImage) => RgbImage;
}

/**
 * Reads `crops`, checks the unsure ones' orientation and re-reads the turned ones; also says how many were checked and
 * which crops' turned reads were kept (`turnedAt`, ascending).
 */
export async function readUpright(
  crops: readonly RgbImage[],
  steps: UprightSteps,
): Promise<{ texts: Decoded[]; checked: number; turnedAt: number[] }> {
  const texts = await steps.read(crops);
  const unsure = texts.flatMap((d, i) => (d.score < UNSURE_BELOW ? [i] : []));
  if (unsure.length === 0) return { texts, checked: 0, turnedAt: [] };
  const flags = await steps.upsideDown(unsure.map((i) => crops[i]!));
  let turned = unsure.filter((_, k) => flags[k]);
  let checked = unsure.length;
  if (turned.length >= 2 && turned.length * 2 > unsure.length) {
    const rest = texts.flatMap((d, i) => (d.score >= UNSURE_BELOW ? [i] : []));
    const more = await steps.upsideDown(rest.map((i) => crops[i]!));
    turned = [...turned, ...rest.filter((_, k) => more[k])];
    checked += rest.length;
  }
  if (turned.length === 0) return { texts, checked, turnedAt: [] };
  const again = await steps.read(turned.map((i) => steps.turn(crops[i]!)));
  const out = [...texts];
  const turnedAt: number[] = [];
  turned.forEach((i, k) => {
    if (again[k]!.score > out[i]!.score) {
      out[i] = again[k]!;
      turnedAt.push(i);
    }
  });
  return { texts: out, checked, turnedAt: turnedAt.sort((a, b) => a - b) };
}
