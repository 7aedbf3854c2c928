/** The crop's ink as the judge of word spaces between Latin characters (ink-spaces.ts measures it), for the decoder. */
import type { Emitted, SpaceVerdict } from './ctc';
import { lineInkProfile, widestGap, type InkGap } from './ink-spaces';
import { hasCjkScript, latinForms } from './latin-forms';
import type { RgbImage } from './types';
import { median } from './median';

const LATIN_WORD = /^[A-Za-z0-9]$/u;
/** Digits: nearly every font sets them in cells of one width (tabular), so a narrow "1" leaves a wide gap in a number. */
const DIGIT = /^[0-9]$/u;
/** Digits whose ink is centred in its cell; a "1" is a stem and a flag off its centre, and often set narrower. */
const CELL_DIGIT = /^[02-9]$/u;
/** Printable ASCII: Latin letters, digits and their punctuation. */
const ASCII = /^[!-~]$/u;

/** A space's blank run is at least this share of the line's ink height (docs/layout.md, "Word gaps"). */
export const SPACE_HEIGHT = 0.4;
/** ... and the glyphs either side are at least this many of the line's letter pitches apart, centre to centre. */
export const SPACE_PITCH = 1.5;
/** ... or this many beside a narrow mark that opens or closes a phrase (see `inkVerdict`). */
export const MARK_SPACE_PITCH = 1.2;
/**
 * A Latin line's curly quotes judged as the straight quotes they stand for: they sit beside a word space as often as
 * any mark (`section “aggregate” if`), while in Chinese text they are full-width marks with their own blank (ink-spaces.ts).
 */
const straightQuotes = (s: string): string =>
  s.replace(/[\u201c\u201d]/gu, '"').replace(/[\u2018\u2019]/gu, "'");
/** Narrow marks that open or close a phrase; joiners ('-', '/', '.', apostrophe) sit inside a token, not beside a space. */
const PHRASE_MARK = /^[,:;!?()[\]]$/u;
/**
 * ... or, between two letters or digits 1.2 pitches apart, the run is at least this many times the line's median run
 * between neighbouring letters: proportional type sets a word space (about a third of an em) about three times as wide
 * as the gaps inside its words (about a tenth), while monospace type, whose narrow letters leave wide gaps, has a wide
 * median gap too (each glyph sits in a whole cell).
 */
export const SPACE_OVER_LETTER_RUN = 2.5;
/**
 * ... where that run is at least this share of the ink height: a proportional face's word space is a quarter of an em
 * (Times) to a third (DejaVu) plus the glyphs' side bearings, over ink at most about an em tall; the 0.4 bar above is
 * for the monospace cells, whose narrow letters leave wide runs.
 */
export const PROPORTIONAL_SPACE_HEIGHT = 0.3;
/**
 * Between two digits other than "1" (CELL_DIGIT) 1.3 of the line's digit pitch apart, a run at least
 * PROPORTIONAL_SPACE_HEIGHT of the ink height is a space: fonts set digits tabular (one advance each, so columns of figures align), so inside a number
 * neighbouring digits' ink centres sit one digit pitch apart whatever the digit ("11" as "88"; pixel rounding adds up
 * to MONO_SPREAD), and a word space adds at least a quarter em, about half a digit's advance (`2018 3:11`,
 * `6258 7191`). The letters' 1.5 pitches is for monospace cells and misses those proportional-type spaces.
 */
export const DIGIT_SPACE_PITCH = 1.3;
/** Two letters or digits with a blank run under this share of the ink height are one word. */
export const SOLID_HEIGHT = 0.25;
/** Fewest letter pairs a line needs before its pitch is trusted (a median of 5 outvotes two wide or narrow letters). */
const MIN_PAIRS = 5;
/**
 * The recogniser's space probability in the blank steps between two characters from which its dropped space is put
 * back, where the ink shows a gap and the ink rules above leave the pair undecided (docs/layout.md, "Word gaps"). The
 * Chinese+English model rarely emits a space between Latin words, but its space class rises in the blank steps
 * there; inside words it mostly stays near zero (`droppedSpace`'s guards cover the exceptions).
 */
export const SPACE_PROB_BAR = 0.1;
/** The widest spread of a monospace line's letter centre distances, as a share of their median (pixel rounding). */
const MONO_SPREAD = 0.15;
/** Marks a word space may follow (before a letter or digit) and marks it may precede (after one). */
const CLOSING_MARK = /^[,;:)\]!?%]$/u;
const OPENING_MARK = /^[([]$/u;

/**
 * The space verdict for a crop whose characters' steps `column` places in its pixel columns, between two printable
 * ASCII characters, from the widest blank run of columns between their steps and the centres of the ink either side. A
 * space when the run is at least 0.4 of the ink height (0.3-0.4 em for ink 0.7-1 em tall, capitals to descenders: a
 * quarter to a third of an em of word space with the glyphs' side bearings; letter gaps are a tenth of an em) and the
 * glyphs' centres are at least 1.5 letter pitches apart (the line's median between neighbouring letters): a monospace
 * font's space is a whole empty cell (2 pitches), while its narrow letters ("il", "1.") leave nearly a cell of paper at
 * 1 pitch; in proportional type a third of an em adds about 0.6 of a letter's advance. Beside a narrow mark that opens
 * or closes a phrase (colon, comma, parenthesis) the bar is 1.2 pitches: a monospace font centres the mark in its cell
 * (1 pitch from its letter set solid, 2 across a space), while proportional type puts a narrow mark half a letter plus
 * a word space plus half the mark from its letter (about 1.2 pitches), against about 0.75 set solid. Joiners ('-', '/',
 * '.') keep the letters' bar: they sit inside one token (a phone number, a date, a price). Proportional type's letters
 * get the 1.2 bar too when their run is wide against the line's own letter gaps (`SPACE_OVER_LETTER_RUN`). No space
 * between two letters or digits under a quarter of the height apart (the steps' wide blank runs beside wide letters);
 * otherwise, and on a blank crop, the steps decide. On a line without CJK text, full-width forms count as the ASCII the page printed
 * (latin-forms.ts folds them after decoding), and a pair the ink leaves undecided takes the space the recogniser's
 * own space class shows in its blank steps (`droppedSpace`).
 */
export function inkVerdict(
  chars: readonly Emitted[],
  crop: RgbImage,
  column: (step: number) => number,
): SpaceVerdict | undefined {
  const latin = !hasCjkScript(chars.map((c) => c.ch).join(''));
  const ch = (c: Emitted) => (latin ? straightQuotes(latinForms(c.ch)) : c.ch);
  // Too few letters to measure the line: only the recogniser's own space evidence, on a Latin line, can decide.
  const few = chars.filter((c) => LATIN_WORD.test(ch(c))).length <= MIN_PAIRS;
  if (few && !(latin && chars.some((c) => (c.spaceBefore ?? 0) >= SPACE_PROB_BAR))) return undefined;
  const { ink, height } = lineInkProfile(crop);
  if (height === 0) return undefined;
  const mid = (c: Emitted) => Math.round(column((c.start + c.end + 1) / 2));
  const seen = new Map<Emitted, InkGap>();
  const gap = (a: Emitted, b: Emitted) => {
    let g = seen.get(a);
    if (!g) seen.set(a, (g = widestGap(ink, mid(a), mid(b))));
    return g;
  };
  const pairs: InkGap[] = [];
  const digitPairs: InkGap[] = [];
  for (let i = 1; i < chars.length; i++) {
    const [a, b] = [ch(chars[i - 1]!), ch(chars[i]!)];
    if (!LATIN_WORD.test(a) || !LATIN_WORD.test(b)) continue;
    pairs.push(gap(chars[i - 1]!, chars[i]!));
    if (DIGIT.test(a) && DIGIT.test(b)) digitPairs.push(pairs[pairs.length - 1]!);
  }
  const digitPitch = digitPairs.length >= MIN_PAIRS ? median(digitPairs.map((g) => g.centres)) : 0;
  const line: LineGaps =
    pairs.length >= MIN_PAIRS
      ? {
          height,
          pitch: median(pairs.map((g) => g.centres)),
          letterRun: median(pairs.map((g) => g.run)),
          gridded: gridded(pairs),
          digitPitch,
        }
      : { height, pitch: 0, letterRun: 0, gridded: true, digitPitch: 0 };
  return (a, b) => {
    const g = gap(a, b);
    const v = few ? undefined : verdict(line, ch(a), ch(b), g);
    return v ?? (latin && droppedSpace(ch(a), ch(b), b.spaceBefore ?? 0, g, line) ? true : undefined);
  };
}

/**
 * Whether the recogniser's space evidence between `a` and `b` (`spaceBefore` of b) puts a word space back: at least
 * SPACE_PROB_BAR, an ink gap of at least 0.3 of the ink height (a word space is at least a quarter em), and a pair
 * that takes one: two letters or a letter and a digit (not two digits: a space inside a number changes its value), or
 * a closing mark before a letter or digit, or a letter or digit before an opening mark, whose centres are at least
 * 1.2 letter pitches apart (a monospace font centres a mark in its cell, one pitch from a letter set solid: `strlen(`).
 */
function droppedSpace(a: string, b: string, spaceBefore: number, gap: InkGap, line: LineGaps): boolean {
  if (spaceBefore < SPACE_PROB_BAR || gap.run < PROPORTIONAL_SPACE_HEIGHT * line.height) return false;
  const word = (c: string) => LATIN_WORD.test(c);
  if (word(a) && word(b)) return !(DIGIT.test(a) && DIGIT.test(b));
  const mark = (CLOSING_MARK.test(a) && word(b)) || (word(a) && OPENING_MARK.test(b));
  return mark && line.pitch > 0 && (!line.gridded || gap.centres >= MARK_SPACE_PITCH * line.pitch);
}

/** A line's measures for its space verdicts: ink height, letter pitch and letters' median blank run (0: unknown). */
interface LineGaps {
  readonly height: number;
  readonly pitch: number;
  readonly letterRun: number;
  /** Its letters look set on a grid (monospace), or there are too few to tell. */
  readonly gridded: boolean;
  /** The median centre distance of its neighbouring digits (0: too few to tell). */
  readonly digitPitch: number;
}

/**
 * Whether a line's letters sit on a grid, as monospace type puts them: the middle half of their centre distances
 * (pairs with a blank run between them) spans at most MONO_SPREAD of the median. Proportional type's usually spans
 * more, as its glyphs' widths vary; a line of capitals or digits may look gridded too, and keeps the stricter bar.
 */
function gridded(pairs: readonly InkGap[]): boolean {
  const apart = pairs.filter((g) => g.run > 0).map((g) => g.centres);
  if (apart.length < MIN_PAIRS) return true;
  const sorted = [...apart].sort((x, y) => x - y);
  const at = (f: number) => sorted[Math.floor(f * (sorted.length - 1))]!;
  return at(0.75) - at(0.25) <= MONO_SPREAD * median(apart);
}

function verdict(line: LineGaps, a: string, b: string, gap: InkGap): boolean | undefined {
  if (!ASCII.test(a) || !ASCII.test(b)) return undefined;
  const { height, pitch, letterRun } = line;
  const letters = LATIN_WORD.test(a) && LATIN_WORD.test(b);
  if (letters && gap.run < SOLID_HEIGHT * height) return false;
  if (pitch <= 0) return undefined;
  // A line of touching letters (median run under a pixel) has no letter gap to compare with.
  const proportional =
    letters &&
    !(DIGIT.test(a) && DIGIT.test(b)) &&
    letterRun >= 1 &&
    gap.run >= SPACE_OVER_LETTER_RUN * letterRun &&
    gap.centres >= MARK_SPACE_PITCH * pitch;
  if (proportional && gap.run >= PROPORTIONAL_SPACE_HEIGHT * height) return true;
  const digits = CELL_DIGIT.test(a) && CELL_DIGIT.test(b) && line.digitPitch > 0;
  if (
    digits &&
    gap.run >= PROPORTIONAL_SPACE_HEIGHT * height &&
    gap.centres >= DIGIT_SPACE_PITCH * line.digitPitch
  )
    return true;
  if (gap.run < SPACE_HEIGHT * height) return undefined;
  const mark = PHRASE_MARK.test(a) || PHRASE_MARK.test(b);
  const bar = (mark ? MARK_SPACE_PITCH : SPACE_PITCH) * pitch;
  return gap.centres >= bar ? true : undefined;
}
