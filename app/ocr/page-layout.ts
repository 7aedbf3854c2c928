/**
 * Page layout from the detected line geometry: the reading blocks of layout-blocks.ts (bands and columns), their rows,
 * and inside each the runs of rows that form a heading, a paragraph or a table, for the result's `blocks`.
 */
import { quadBounds, sliceQuad } from './geometry';
import { cutAtGutters, type LineInk } from './gutter-cut';
import { isProse, MAX_SPACE, readingBlocks } from './layout-blocks';
import { deskewed, endsOnBaseline } from './page-skew';
import { rowsOf } from './reading-order';
import type { BlockKind, OcrBlock, Quad } from './types';
import { median } from './median';
import { foldWrappedCells } from './wrapped-cells';

/** A block of the layout with its rows in reading order. */
export interface LayoutBlock<T> {
  readonly kind: BlockKind;
  readonly rows: readonly (readonly T[])[];
}

/** A row this much taller than the page's median line is set in larger type: a heading. */
const HEADING_RATIO = 1.3;

/** A row set in by this share of a row height or more, after a row that ended short, starts a paragraph. */
const FIRST_LINE_INDENT = 0.5;

/** Widest first-line indent, in row heights (about two and a half ems: a row is about an em and a quarter tall). */
const OPENING_INDENT = 2;

/** A row ending this many row heights or more short of its block's right edge ended its paragraph. */
const SHORT_END = 1;

/** Rows further apart than this share of the smaller height start a new paragraph. */
const PARAGRAPH_GAP = 0.8;

interface RowGeom {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
  readonly kind: BlockKind;
}

/** Cells on a shared row at least this many row heights apart are table cells (wider than a plain word space). */
const CELL_GAP_HEIGHTS = 1;

/**
 * A row's extent and what it looks like on its own: larger type, cells apart (by more than `cellGap` row heights), or
 * a line of text.
 */
function rowGeom(
  bounds: readonly { x0: number; x1: number; y0: number; y1: number }[],
  lineH: number,
  cellGap: number,
): RowGeom {
  const y0 = Math.min(...bounds.map((b) => b.y0));
  const y1 = Math.max(...bounds.map((b) => b.y1));
  const x0 = Math.min(...bounds.map((b) => b.x0));
  const x1 = Math.max(...bounds.map((b) => b.x1));
  const h = y1 - y0;
  const cells = bounds.some((b, i) => i > 0 && b.x0 - bounds[i - 1]!.x1 >= cellGap * h);
  const kind: BlockKind = cells ? 'table' : h >= HEADING_RATIO * lineH ? 'heading' : 'paragraph';
  return { x0, x1, y0, y1, kind };
}

/**
 * Whether row `b` continues the block of row `a`: same kind, close below, and (text) no indent jump, nor a first-line
 * indent after a row that ended short of the block's right edge (`edge`): a paragraph set solid, with no gap. After
 * the block's `opening` row, a return to the left is its first-line indent ending.
 */
function continues(a: RowGeom, b: RowGeom, edge: number, opening: boolean): boolean {
  if (a.kind !== b.kind) return false;
  const h = Math.min(a.y1 - a.y0, b.y1 - b.y0);
  if (b.y0 - a.y1 >= PARAGRAPH_GAP * h) return false;
  if (a.kind === 'table') return true;
  // The taller row's height: a row of short letters (no ascenders or descenders) understates the type's em.
  if (opening && b.x0 < a.x0) return a.x0 - b.x0 < OPENING_INDENT * Math.max(a.y1 - a.y0, b.y1 - b.y0);
  const indented = b.x0 - a.x0 >= FIRST_LINE_INDENT * h && edge - a.x1 >= SHORT_END * h;
  return Math.abs(b.x0 - a.x0) < 2 * h && !indented;
}

/** A line's box in a frame trimmed to its words' ink (the detector grows a box past it), where `lines` knows them. */
const inkFrame =
  <T>(frame: (v: T) => Quad, lines: LineInk<T>) =>
  (v: T): Quad => {
    const words = lines.words(v);
    return words && words.length > 0
      ? sliceQuad(frame(v), words[0]![0], words[words.length - 1]![1])
      : frame(v);
  };

/**
 * The page's layout: reading blocks split into headings, paragraphs and tables, in reading order (laid out deskewed);
 * with `lines`, the layout sees each line's ink rather than its grown box, and lines merged across a column gutter are
 * cut there first (gutter-cut.ts), the blocks holding the parts.
 */
export function pageLayout<T>(
  given: readonly T[],
  pageBoxOf: (v: T) => Quad,
  lines?: LineInk<T>,
): LayoutBlock<T>[] {
  if (!lines)
    return layoutOf(
      given,
      deskewed(given, pageBoxOf),
      () => undefined,
      () => false,
    );
  const text = lines.text;
  const slanted = text ? (v: T) => !endsOnBaseline(text(v)) : undefined;
  const frame = deskewed(given, pageBoxOf, slanted);
  const values = cutAtGutters(given, (v) => quadBounds(frame(v)), lines);
  const boxOf = values === given ? frame : deskewed(values, pageBoxOf, slanted); // nothing cut: the same frame
  return layoutOf(
    values,
    inkFrame(boxOf, lines),
    (v) => firstWordShare(lines.words(v)),
    (v) => text !== undefined && /^\p{Ll}/u.test(text(v)),
  );
}

/** A line's first word's share of its ink's length, where its words are known. */
function firstWordShare(words: readonly (readonly [number, number])[] | undefined): number | undefined {
  if (!words || words.length === 0) return undefined;
  const len = words[words.length - 1]![1] - words[0]![0];
  return len > 0 ? (words[0]![1] - words[0]![0]) / len : undefined;
}

/**
 * The layout of lines in a (deskewed) frame; `firstWord` is a line's first word's share of its length, where known,
 * and `lowercase` whether its text opens with a lowercase letter.
 */
function layoutOf<T>(
  values: readonly T[],
  frameOf: (v: T) => Quad,
  firstWord: (v: T) => number | undefined,
  lowercase: (v: T) => boolean,
): LayoutBlock<T>[] {
  // Each line's box is asked for by the blocks, the rows and their kinds: turned and trimmed once.
  const framed = new Map(values.map((v) => [v, frameOf(v)] as const));
  const boxOf = (v: T) => framed.get(v) ?? frameOf(v);
  const boxes = values.map((value) => ({ value, ...quadBounds(boxOf(value)) }));
  const lineH = Math.max(1, median(boxes.map((b) => b.y1 - b.y0)));
  const out: LayoutBlock<T>[] = [];
  for (const region of readingBlocks(boxes)) {
    // In running text the detector splits justified lines at spaces up to MAX_SPACE line heights wide: not cells.
    const cellGap = isProse(region, lineH) ? MAX_SPACE : CELL_GAP_HEIGHTS;
    const boundsOf = (v: T) => quadBounds(boxOf(v));
    const geomOf = (row: readonly T[]) => rowGeom(row.map(boundsOf), lineH, cellGap);
    const rows = foldWrappedCells(
      rowsOf(
        region.map((b) => b.value),
        boxOf,
      ),
      (v) => {
        const bounds = boundsOf(v);
        const share = firstWord(v);
        const word = share === undefined ? undefined : share * (bounds.x1 - bounds.x0);
        return { bounds, firstWord: word, lowercase: lowercase(v) };
      },
      (row) => geomOf(row).kind === 'table',
      (x0, tolerance) => Math.max(...region.filter((b) => Math.abs(b.x0 - x0) <= tolerance).map((b) => b.x1)),
    );
    let prev: RowGeom | undefined;
    let edge = -Infinity;
    for (const { lines: row, parts } of rows) {
      // A table row with its cells' wrapped lines: its kind is its first row's, its extent all of them.
      const head = geomOf(parts[0]!);
      const geom = { ...head, y1: Math.max(...row.map((v) => boundsOf(v).y1)) };
      const last = out[out.length - 1];
      if (last && prev && continues(prev, geom, edge, last.rows.length === 1)) {
        out[out.length - 1] = { ...last, rows: [...last.rows, row] };
        edge = Math.max(edge, geom.x1);
      } else {
        out.push({ kind: geom.kind, rows: [row] });
        edge = geom.x1;
      }
      prev = geom;
    }
  }
  return out;
}

/**
 * The result's blocks: each block's bounding box, the indices of its lines in the flattened reading order, and the
 * same indices row by row (so that no reader of the result has to find the rows again from the boxes).
 */
export function resultBlocks<T>(layout: readonly LayoutBlock<T>[], boxOf: (v: T) => Quad): OcrBlock[] {
  let next = 0;
  return layout.map((block) => {
    const lines = block.rows.flat();
    const b = lines.map((l) => quadBounds(boxOf(l)));
    const [x0, y0] = [Math.min(...b.map((q) => q.x0)), Math.min(...b.map((q) => q.y0))];
    const [x1, y1] = [Math.max(...b.map((q) => q.x1)), Math.max(...b.map((q) => q.y1))];
    const rows = block.rows.map((row) => row.map(() => next++));
    return {
      box: [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ],
      lines: rows.flat(),
      rows,
      kind: block.kind,
    };
  });
}
