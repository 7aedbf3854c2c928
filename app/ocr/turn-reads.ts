/**
 * Which reads of a page, turned which way, settle its orientation. The line vote (orientation.ts) decides pages with
 * many lines; a page with few lines (a scene photo with a few words) gives it little, so such a page whose read is
 * unsure is also read turned the other way up, and a page where detection found at most one line is detected once more
 * turned a quarter, since the detector misses sideways text. A line crop of which nothing was kept, or whose unsure
 * read the angle classifier finds upside down, is read the other way up. Pages with many lines pay nothing.
 */
import { REREAD_BELOW } from './margin-reread';
import { readMass, rereadWins, wrongQuarter, type Orientation } from './orientation';
import type { OcrResult } from './types';
import { UNSURE_BELOW } from './upright-read';

/** Pages with fewer read lines than this are also read turned the other way up (a document page reads dozens). */
export const FEW_LINES = 8;

/** A read turned the other way up replaces the kept one only with this much more score × length. */
export const FLIP_MARGIN = 1.1;

/** A read of the page turned upright from an angle, told in the frame of the page as given, and its own vote. */
export interface TurnedRead {
  readonly again: OcrResult;
  readonly vote: Orientation;
}

/** The steps settling a page's orientation needs. */
export interface TurnSteps {
  /** Reads the page turned upright from `angle`. */
  readonly readAt: (angle: Orientation) => Promise<TurnedRead>;
  /** How many lines detection alone finds on the page turned upright from `angle`. */
  readonly boxesAt: (angle: Orientation) => Promise<number>;
  /** Whether the angle classifier, shown the whole image as given, is sure it is upside down (line crops). */
  readonly wholeUpsideDown: () => Promise<boolean>;
}

/** The mean character probability of a read: text read upright comes out sure, text upside down rarely does. */
export function meanScore(r: Pick<OcrResult, 'lines'>): number {
  const chars = r.lines.reduce((a, l) => a + l.text.length, 0);
  return chars === 0 ? 0 : readMass(r) / chars;
}

const flipped = (a: Orientation): Orientation => ((a + 180) % 360) as Orientation;

/**
 * Whether a read of the page turned the other way up replaces the kept one: it must read clearly more text more surely
 * (a word that reads the same both ways stays as found), and must not itself find most of its crops upside down.
 */
export function flipWins(kept: Pick<OcrResult, 'lines'>, flip: TurnedRead): boolean {
  return flip.vote !== 180 && readMass(flip.again) > FLIP_MARGIN * readMass(kept);
}

/** A page found turned `angle` by its first read, read again turned upright (and the other quarter if it reads upside down). */
async function turnedRead(first: OcrResult, angle: Orientation, steps: TurnSteps): Promise<OcrResult> {
  if (angle === 0) return first;
  const one = await steps.readAt(angle);
  const kept = rereadWins(angle, first, one.again, one.vote) ? one.again : first;
  if (!wrongQuarter(angle, one.vote)) return kept;
  const two = await steps.readAt(angle === 90 ? 270 : 90);
  return rereadWins(180, kept, two.again, two.vote) ? two.again : kept;
}

/** What the image's shape says: a line crop (one line, read whole), or one turned a quarter (taller than wide). */
export type ImageShape = 'page' | 'line' | 'tall-line';

/**
 * The read of a line crop to keep: its line vote may turn it. A crop of which nothing was kept is read the other way
 * up (text upside down reads as scraps under the drop score, so it has nothing to lose), and that read kept when sure;
 * an unsure read of a crop the angle classifier, shown the whole crop, finds upside down is read the other way up too,
 * and that read kept when clearly better ("NOW" read upside down is a surer "MON": the classifier keeps it upright).
 */
async function settleLineCrop(first: OcrResult, angle: Orientation, steps: TurnSteps): Promise<OcrResult> {
  const kept = await turnedRead(first, angle, steps);
  if (kept.lines.length === 0) {
    const flip = await steps.readAt(flipped(kept.orientation ?? 0));
    return flip.vote !== 180 && flip.again.lines.length > 0 && meanScore(flip.again) >= REREAD_BELOW
      ? flip.again
      : kept;
  }
  if (angle !== 0 || meanScore(kept) >= UNSURE_BELOW || !(await steps.wholeUpsideDown())) return kept;
  const flip = await steps.readAt(180);
  return flipWins(kept, flip) ? flip.again : kept;
}

/** The read of a page to keep, from its first read (`first.orientation` is its line vote). */
export async function settleOrientation(
  first: OcrResult,
  shape: ImageShape,
  steps: TurnSteps,
): Promise<OcrResult> {
  let angle = first.orientation ?? 0;
  if (shape === 'line') return settleLineCrop(first, angle, steps);
  const few = angle === 0 && first.lines.length <= 1;
  // A line crop turned a quarter is read as the line crop it is, from both quarters (neither is likelier), however
  // many scraps its sideways read found; a turned read replaces that read only when clearly better, as a flip does: a
  // nearly square crop may be upright.
  if (shape === 'tall-line') {
    const [a, b] = [(await steps.readAt(90)).again, (await steps.readAt(270)).again];
    const best = readMass(b) > readMass(a) ? b : a;
    return readMass(best) > FLIP_MARGIN * readMass(first) ? best : first;
  }
  // At most one line found: the page may be turned a quarter, where the detector finds little; detection says.
  if (few && (await steps.boxesAt(90)) > first.lines.length) angle = 90;
  const kept = await turnedRead(first, angle, steps);
  // Nothing found upright is nothing upside down either; a page turned for a look may read only the other quarter.
  if (kept.lines.length === 0 && (kept.orientation ?? 0) === 0) return kept;
  if (kept.lines.length >= FEW_LINES || meanScore(kept) >= UNSURE_BELOW) return kept;
  const flip = await steps.readAt(flipped(kept.orientation ?? 0));
  return flipWins(kept, flip) ? flip.again : kept;
}
