/**
 * Re-reading unsure lines with other margins. The detector's box decides how much room the crop leaves above and below
 * the text, and the recogniser is sensitive to it: a word crop cut tight to its letters, a small caption whose box came
 * from a downscaled detector map, or a scene-text box that grazes the strokes reads with low confidence and often wrong
 * (capitals as lower case, a letter dropped). A line read below `REREAD_BELOW` is read again from its box grown and
 * shrunk by a fifth of its height on each side, and the best-scored of the three reads is kept. Only a few lines are
 * that unsure, so this costs little of a page's time (figures: docs/pipeline.md).
 */
import type { Decoded } from './ctc';
import { isVertical } from './crop';
import type { Point, Quad, RgbImage } from './types';

/** Reads below this mean character probability are tried again with other margins. */
export const REREAD_BELOW = 0.8;

/** How far each long edge moves out (then in), as a share of the box's height. */
export const MARGIN_STEP = 0.2;

/** The steps a re-read needs: crop a box (the right way up) and read crops. */
export interface RereadSteps {
  readonly crop: (index: number, quad: Quad) => RgbImage;
  readonly read: (crops: readonly RgbImage[]) => Promise<Decoded[]>;
}

/** Moves point `a` away from `b` by `k` times their distance (towards it for negative `k`). */
const away = (a: Point, b: Point, k: number): Point => [a[0] + (a[0] - b[0]) * k, a[1] + (a[1] - b[1]) * k];

/**
 * A text quad (top-left, top-right, bottom-right, bottom-left) with its long edges each moved out by `k` of the line's
 * height along the box's own sides (in for negative `k`), so a slanted or perspective box keeps its shape. A line's
 * long edges are the top and bottom ones, or for vertical text (a tall box, which the crop turns) the left and right.
 */
export function withMargin(q: Quad, k: number): Quad {
  const [tl, tr, br, bl] = q;
  return isVertical(q)
    ? [away(tl, tr, k), away(tr, tl, k), away(br, bl, k), away(bl, br, k)]
    : [away(tl, bl, k), away(tr, br, k), away(br, tr, k), away(bl, tl, k)];
}

/** Reads the unsure lines again from grown and shrunk boxes; keeps the best-scored read of each and says how many. */
export async function rereadUnsure(
  texts: readonly Decoded[],
  quads: readonly Quad[],
  steps: RereadSteps,
): Promise<{ texts: Decoded[]; reread: number; replaced: number }> {
  const unsure = texts.flatMap((d, i) => (d.score < REREAD_BELOW && d.text.trim().length > 0 ? [i] : []));
  if (unsure.length === 0) return { texts: [...texts], reread: 0, replaced: 0 };
  const margins = [MARGIN_STEP, -MARGIN_STEP];
  const again = await steps.read(
    unsure.flatMap((i) => margins.map((k) => steps.crop(i, withMargin(quads[i]!, k)))),
  );
  const out = [...texts];
  let replaced = 0;
  unsure.forEach((i, u) => {
    const best = margins
      .map((_, m) => again[u * margins.length + m]!)
      .reduce((a, b) => (b.score > a.score ? b : a), out[i]!);
    if (best !== out[i]) {
      out[i] = best;
      replaced++;
    }
  });
  return { texts: out, reread: unsure.length, replaced };
}
