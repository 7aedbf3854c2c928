/**
 * Lines the detector merged across a column gutter, cut there. Where two columns' rows sit at the same heights and the
 * gutter is narrow, the detector's grown boxes join a row of the left column and the row beside it into one line; on
 * some pages it does so on nearly every row, so no strip between line boxes is clear and the page reads row by row
 * across both columns. The words inside the lines still show the gutter: the right column's rows start at one x
 * (left-aligned type), whether the detector kept them apart or not, and no word's ink crosses that x on those rows.
 * A line of text never continues across a gutter, so each line on those rows with words on both sides is cut there.
 */
import { BAND_GAP, isProse, type Box } from './layout-blocks';
import { median } from './median';

/** Fewest rows whose words start on a gutter's right edge, and most of the rows beside it, for it to be a gutter. */
const MIN_ALIGNED = 4;

/** How far word starts may stray from each other and still line up, in line heights (the spans are estimates). */
const EDGE_SLACK = 0.3;

/**
 * Narrowest clear strip before a gutter's right edge on every row of its run, in line heights: a column gutter is wider
 * than the narrowest of four and more word spaces that happen to end on one x.
 */
const MIN_GUTTER = 0.5;

/** How far a line's height may stray from the columns' (their body type) to be cut anywhere, in line heights. */
const ROW_SLACK = 0.3;

/**
 * How far a line's letter pitch may stray from the lines' median to be body type, as a share: a step of type size (an
 * intro set at 11 pt over 9-pt columns, 1.2 times; bold wider still) moves it by a fifth or more, while most body
 * rows' pitches, estimated from the recogniser's steps, lie within a tenth of it. Box heights scatter as much as a size
 * step (a row run into the next is taller), so they judge only where the pitch is unknown.
 */
const PITCH_SLACK = 0.2;

/** A clear strip between two columns (x0: the left column's edge, x1: the right column's), or its shares of a line. */
export interface Gutter {
  readonly x0: number;
  readonly x1: number;
}

/**
 * Cuts a line at its word gap on a gutter, given as shares of the line's width from its left end (so that the caller
 * can find it among its words' spans along the crop), or says it has no word gap there (undefined).
 */
export type CutLine<T> = (value: T, gutter: Gutter) => readonly [T, T] | undefined;

/**
 * What the layout knows of a line beyond its box: where its words' ink runs along it (shares of its length, left to
 * right; undefined: one word over the whole box), and its cut at a gutter.
 */
export interface LineInk<T> {
  readonly words: (value: T) => readonly Ink[] | undefined;
  /** The line's letter pitch as a share of its length; undefined where too few words tell it. */
  readonly pitch?: (value: T) => number | undefined;
  /** The line's text, where the caller has it (a wrapped table cell goes on in lowercase: wrapped-cells.ts). */
  readonly text?: (value: T) => string;
  readonly cut: CutLine<T>;
}

/** A word's ink along a line: where it starts and ends. */
export type Ink = readonly [number, number];

/** A line with its words' ink on the page's x axis. */
interface Inked<T> extends Box<T> {
  readonly words: readonly Ink[];
  /** Letter pitch in page pixels, where known. */
  readonly pitch: number | undefined;
}

/** How a line meets the vertical at x: a word starts there, a word's ink crosses it, or neither. */
type Meets = 'starts' | 'crosses' | 'clear';

function meets<T>(b: Inked<T>, x: number, slack: number): Meets {
  if (b.words.some((w) => Math.abs(w[0] - x) <= slack)) return 'starts';
  // A start a little further off is an estimate astray (the spans are), not ink across the gutter.
  return b.words.some((w) => w[0] < x - 2 * slack && w[1] > x + slack) ? 'crosses' : 'clear';
}

/**
 * The runs of consecutive rows (top to bottom) that no word crosses at x and no gap that parts bands (BAND_GAP: a
 * headline or an intro set apart over the columns) interrupts, with the rows that start a word there.
 */
function clearRuns<T>(
  byY: readonly Inked<T>[],
  x: number,
  lineH: number,
): { rows: Inked<T>[]; starts: number }[] {
  const slack = EDGE_SLACK * lineH;
  const runs: { rows: Inked<T>[]; starts: number }[] = [{ rows: [], starts: 0 }];
  let bottom = -Infinity;
  for (const b of byY) {
    const m = meets(b, x, slack);
    // A paragraph gap common to both columns is blank across the page yet inside one band: the columns go on below it.
    if (m === 'crosses' || b.y0 - bottom > BAND_GAP * lineH) runs.push({ rows: [], starts: 0 });
    bottom = Math.max(bottom, b.y1);
    if (m !== 'crosses') {
      const run = runs[runs.length - 1]!;
      run.rows.push(b);
      if (m === 'starts') run.starts++;
    }
  }
  return runs.filter((r) => r.starts >= MIN_ALIGNED);
}

/** A row's words split at a gutter's right edge x: those before it, and those from the first word starting on it on. */
function splitAt<T>(
  b: Inked<T>,
  x: number,
  slack: number,
): { before: readonly Ink[]; after: readonly Ink[] } {
  const k = b.words.findIndex((w) => w[0] >= x - 2 * slack);
  return k < 0 ? { before: b.words, after: [] } : { before: b.words.slice(0, k), after: b.words.slice(k) };
}

/**
 * The first gutter whose right edge (a word start at x on at least MIN_ALIGNED rows of a run that no word crosses, and
 * on at least half the rows reaching it) has running text on both sides and lines crossing it; undefined when none.
 */
function crossedGutter<T>(
  items: readonly Inked<T>[],
  lineH: number,
): { gutter: Gutter; crossing: Inked<T>[] } | undefined {
  const slack = EDGE_SLACK * lineH;
  const bodyType = bodyTypeOf(items, lineH);
  const byY = [...items].sort((p, q) => p.y0 + p.y1 - q.y0 - q.y1);
  const starts = [...new Set(items.flatMap((b) => b.words.map((w) => w[0])))].sort((a, b) => a - b);
  let tried = -Infinity;
  for (const x of starts) {
    if (x - tried < slack / 2) continue;
    tried = x;
    for (const run of clearRuns(byY, x, lineH)) {
      const parts = run.rows.map((b) => ({ b, ...splitAt(b, x, slack) }));
      // Most rows that run on across x start a word on it: a column edge, not a chance line-up of word starts.
      const across = parts.filter((p) => p.before.length > 0 && p.after.length > 0);
      if (across.length === 0 || 2 * run.starts < across.length) continue;
      const ends = parts.filter((p) => p.before.length > 0).map((p) => p.before.at(-1)![1]);
      // With many rows lining the gutter a tenth of their ends may be a span astray; a chance line-up has no such slack.
      const edge = ends.sort((a, b) => b - a)[Math.floor(run.starts / 10)]!;
      if (x - edge < MIN_GUTTER * lineH) continue;
      // Between columns of running text only: a table's cells or a form's keys and values line up by design.
      const side = (p: (typeof parts)[number], ws: readonly Ink[]) =>
        ws.length > 0 ? [{ ...p.b, x0: ws[0]![0], x1: ws[ws.length - 1]![1] }] : [];
      const left = parts.flatMap((p) => side(p, p.before));
      const right = parts.flatMap((p) => side(p, p.after));
      if (left.length < MIN_ALIGNED || !isProse(left, lineH) || !isProse(right, lineH)) continue;
      // Larger type (an intro over the columns) is cut only where it ends on the left column's edge as well.
      const crossing = across
        .filter((p) => bodyType(p.b) || Math.abs(p.before.at(-1)![1] - edge) <= slack)
        .map((p) => p.b);
      if (crossing.length > 0) return { gutter: { x0: edge, x1: x }, crossing };
    }
  }
  return undefined;
}

/** Whether a line is set in the columns' body type: by its letter pitch where known, else by its box height. */
function bodyTypeOf<T>(items: readonly Inked<T>[], lineH: number): (b: Inked<T>) => boolean {
  const pitches = items.flatMap((b) => (b.pitch === undefined ? [] : [b.pitch]));
  const pitch = pitches.length > 0 ? median(pitches) : undefined;
  return (b) =>
    pitch !== undefined && b.pitch !== undefined
      ? Math.abs(b.pitch / pitch - 1) <= PITCH_SLACK
      : Math.abs(b.y1 - b.y0 - lineH) <= ROW_SLACK * lineH;
}

/**
 * The lines with every line crossing a gutter cut at it (by `lines.cut`, where the line has a word gap there), in the
 * frame of `boxOf`; the same array when nothing was cut.
 */
export function cutAtGutters<T>(
  values: readonly T[],
  boxOf: (v: T) => { x0: number; x1: number; y0: number; y1: number },
  lines: LineInk<T>,
): readonly T[] {
  let out = values;
  const tried = new Set<T>();
  for (let round = 0; round < 8; round++) {
    const items = out
      .filter((v) => !tried.has(v))
      .map((value): Inked<T> => {
        const b = boxOf(value);
        const w = b.x1 - b.x0;
        const words = lines.words(value)?.map((s) => [b.x0 + s[0] * w, b.x0 + s[1] * w] as const);
        const pitch = lines.pitch?.(value);
        return {
          value,
          ...b,
          words: words && words.length > 0 ? words : [[b.x0, b.x1]],
          pitch: pitch === undefined ? undefined : pitch * w,
        };
      });
    const lineH = Math.max(1, median(items.map((b) => b.y1 - b.y0)));
    const found = crossedGutter(items, lineH);
    if (!found) return out;
    const parts = new Map<T, readonly [T, T]>();
    for (const b of found.crossing) {
      const w = Math.max(1, b.x1 - b.x0);
      const two = lines.cut(b.value, { x0: (found.gutter.x0 - b.x0) / w, x1: (found.gutter.x1 - b.x0) / w });
      if (two) parts.set(b.value, two);
      else tried.add(b.value);
    }
    out = out.flatMap((v) => parts.get(v) ?? [v]);
  }
  return out;
}
