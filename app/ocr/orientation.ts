/**
 * Page orientation (0, 90, 180 or 270 degrees clockwise, as the page was turned) from what the pipeline already knows,
 * at no extra model cost: a page turned a quarter has mostly tall line boxes (its lines run down or up the image), and
 * which quarter shows in the reads — cropQuad turns a tall crop 90° counter-clockwise, which sets a page turned 90°
 * upright and leaves one turned 270° upside down, so the angle classifier turns most of those crops (upright-read.ts);
 * on a page turned 180° most crops are turned. Lines are then laid out in the upright page's frame. The detector finds
 * sideways lines poorly (it splits and misses them), and a crop turned 180° reads worse than the same line upright, so
 * a turned page is read again turned upright (rereadWins says which read is kept).
 */
import { rotate180, rotate90ccw } from './crop';
import { orderQuad } from './geometry';
import type { OcrResult, Point, Quad, RgbImage } from './types';

/** Clockwise quarter turns of a page. */
export const ORIENTATIONS = [0, 90, 180, 270] as const;

/** How far a page is turned clockwise from upright. */
export type Orientation = (typeof ORIENTATIONS)[number];

/** What the orientation vote needs of each read line: its box is tall, its crop was read turned 180°. */
export interface LineVote {
  readonly tall: boolean;
  readonly turned: boolean;
}

/** Fewest lines that must agree before a whole page is taken as turned. */
const MIN_VOTES = 2;

/** The page's orientation by majority of its lines' box shapes, then of their turned reads. */
export function pageOrientation(lines: readonly LineVote[]): Orientation {
  const tall = lines.filter((l) => l.tall);
  if (tall.length >= MIN_VOTES && tall.length * 2 > lines.length) {
    const turned = tall.filter((l) => l.turned).length;
    return turned * 2 > tall.length ? 270 : 90;
  }
  const turned = lines.filter((l) => !l.tall && l.turned).length;
  return turned >= MIN_VOTES && turned * 2 > lines.length ? 180 : 0;
}

/**
 * A point of an image turned `angle` degrees clockwise (as stored: `w` x `h`) in the upright image's frame. Pixel edges,
 * not centres: an edge at x in the turned image is an edge at the mirrored offset in the upright one.
 */
export function uprightPoint([x, y]: Point, angle: Orientation, w: number, h: number): Point {
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

/** A quad of a turned image in the upright frame (its corners in the same order). */
export function uprightQuad(q: Quad, angle: Orientation, w: number, h: number): Quad {
  const [a, b, c, d] = q.map((p) => uprightPoint(p, angle, w, h)) as [Point, Point, Point, Point];
  return [a, b, c, d];
}

/** A point of the upright image (`w` x `h` being the turned image's size) in the turned image's frame. */
export function turnedPoint([x, y]: Point, angle: Orientation, w: number, h: number): Point {
  switch (angle) {
    case 0:
      return [x, y];
    case 90:
      return [w - y, x];
    case 180:
      return [w - x, h - y];
    case 270:
      return [y, h - x];
  }
}

/** The image turned back upright from `angle` degrees clockwise. */
export function turnUpright(img: RgbImage, angle: Orientation): RgbImage {
  switch (angle) {
    case 0:
      return img;
    case 90:
      return rotate90ccw(img);
    case 180:
      return rotate180(img);
    case 270:
      return rotate180(rotate90ccw(img));
  }
}

/** How much text a result read, and how surely: the sum over its lines of score times length. */
export function readMass(r: Pick<OcrResult, 'lines'>): number {
  return r.lines.reduce((a, l) => a + l.score * l.text.length, 0);
}

/** A result read on the upright image, told in the frame of the image as given (turned `angle`, `w` x `h`). */
export function inTurnedFrame(r: OcrResult, angle: Orientation, w: number, h: number): OcrResult {
  const back = (q: Quad) => orderQuad(q.map((p) => turnedPoint(p, angle, w, h)));
  return {
    ...r,
    width: w,
    height: h,
    orientation: angle,
    lines: r.lines.map((l) => ({
      ...l,
      box: back(l.box),
      ...(l.words ? { words: l.words.map((w) => ({ ...w, box: back(w.box) })) } : {}),
    })),
    ...(r.blocks ? { blocks: r.blocks.map((b) => ({ ...b, box: back(b.box) })) } : {}),
  };
}

/**
 * Whether the read of a page turned upright replaces its first read. A page found turned 180° whose re-read is itself
 * found upright (`rereadVote` 0: its crops no longer need turning) is settled, as reading upright crops is what the
 * recogniser was trained on; otherwise (quarter turns, where a vertical CJK page may look turned) the read that finds
 * more text more surely wins.
 */
export function rereadWins(
  angle: Orientation,
  first: Pick<OcrResult, 'lines'>,
  again: Pick<OcrResult, 'lines'>,
  rereadVote: Orientation,
): boolean {
  if (angle === 180 && rereadVote === 0) return true;
  return readMass(again) >= readMass(first);
}

/**
 * Whether a page found turned a quarter was turned the wrong way: its re-read turned upright finds most of its crops
 * upside down (votes 180), so the page was turned the other quarter. The quarter comes from the angle classifier's
 * verdicts on crops cut from sideways lines, which on a few short scene words are a weak vote; the re-read's own
 * vote, on upright lines, is the classifier's usual case.
 */
export function wrongQuarter(angle: Orientation, rereadVote: Orientation): boolean {
  return (angle === 90 || angle === 270) && rereadVote === 180;
}
