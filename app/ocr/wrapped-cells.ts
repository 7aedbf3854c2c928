/**
 * Table cells whose text wraps onto further lines: a cell of a table row that runs out of width goes on in the same
 * column on the lines below, left-aligned on the cell's start, at the line pitch, while the cells beside it end or wrap
 * too. Read row by row, the wrapped halves of two cells interleave ("Unpack the lamp and check that the | Keep the box
 * until the lamp has been // cable is not damaged | tested"); a reader finishes each cell before the next. The rows
 * below that continue a table row are folded into it, its lines cell by cell.
 */

/** A line's extent in the layout's frame. */
export interface Bounds {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/**
 * What the fold needs of each line: its extent, the width of its first word where its words are known, and whether
 * it opens in lowercase (mid-sentence, as a wrapped line goes on, where a new row's key is capitalised or a figure).
 */
export interface CellLine {
  readonly bounds: Bounds;
  readonly firstWord: number | undefined;
  readonly lowercase: boolean;
}

/** A table row with the rows that continue its cells: its lines cell by cell, and the geometric rows it was made of. */
export interface FoldedRow<T> {
  readonly lines: readonly T[];
  readonly parts: readonly (readonly T[])[];
}

/**
 * A wrapped line starts this many row heights or less from its cell's start: the ink's ends are estimates from the
 * recogniser's steps, while the next column starts at least a cell gap (a row height) away.
 */
const ALIGN = 0.3;

/** A row further below than this share of the smaller row height is a new row, not a cell's next line (a paragraph gap). */
const LINE_PITCH_GAP = 0.8;

/** A word space, in row heights: about a quarter of an em, and a line's ink is about an em tall. */
const SPACE = 0.25;

interface Cell<T> {
  readonly x0: number;
  readonly lines: T[];
  end: number;
}

const heightOf = (rows: readonly Bounds[]) =>
  Math.max(...rows.map((b) => b.y1)) - Math.min(...rows.map((b) => b.y0));

/**
 * Folds into each table row (`isTable` of its lines) the rows right below it at the line pitch whose lines each start
 * on a distinct cell of it, fewer than its cells, when one of them goes on in lowercase and its first word would not
 * have fitted on its cell's line: with it that line would reach past the widest line starting on the column
 * (`column`), so the text wrapped. Anything else stays a row of its own, as before: keys and amounts on a receipt
 * start on their cells too, but a key is capitalised, or the key above had room to go on.
 */
export function foldWrappedCells<T>(
  rows: readonly (readonly T[])[],
  lineOf: (v: T) => CellLine,
  isTable: (row: readonly T[]) => boolean,
  column: (x0: number, tolerance: number) => number,
): FoldedRow<T>[] {
  const out: FoldedRow<T>[] = [];
  let i = 0;
  while (i < rows.length) {
    const head = rows[i]!;
    i++;
    if (head.length < 2 || !isTable(head)) {
      out.push({ lines: head, parts: [head] });
      continue;
    }
    const headB = head.map((v) => lineOf(v).bounds);
    const cells: Cell<T>[] = head.map((v, k) => ({ x0: headB[k]!.x0, lines: [v], end: headB[k]!.x1 }));
    const parts: (readonly T[])[] = [head];
    let bottom = Math.max(...headB.map((b) => b.y1));
    const h = heightOf(headB);
    while (i < rows.length) {
      const next = rows[i]!;
      const nextB = next.map((v) => lineOf(v).bounds);
      const nh = heightOf(nextB);
      const rowH = Math.min(h, nh);
      if (
        next.length >= cells.length ||
        Math.min(...nextB.map((b) => b.y0)) - bottom >= LINE_PITCH_GAP * rowH
      )
        break;
      const tol = ALIGN * rowH;
      const at = nextB.map((b) => cells.findIndex((c) => Math.abs(b.x0 - c.x0) <= tol));
      if (at.some((k) => k < 0) || new Set(at).size !== at.length) break;
      const wraps = at.some((k, m) => {
        const { firstWord, lowercase } = lineOf(next[m]!);
        return (
          lowercase &&
          firstWord !== undefined &&
          cells[k]!.end + SPACE * rowH + firstWord > column(cells[k]!.x0, tol)
        );
      });
      if (!wraps) break;
      at.forEach((k, m) => {
        cells[k]!.lines.push(next[m]!);
        cells[k]!.end = nextB[m]!.x1;
      });
      parts.push(next);
      bottom = Math.max(...nextB.map((b) => b.y1));
      i++;
    }
    out.push({ lines: cells.flatMap((c) => c.lines), parts });
  }
  return out;
}
