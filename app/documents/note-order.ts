/**
 * Where a page's typed notes (FreeText annotations) go among its own lines. The lines keep the order the page's
 * content gives them (its author's order, better than any geometry); each note follows the line it sits after on the
 * page: the one to its left on its row (a form's label and the value typed beside it), else the nearest one above it
 * in its column, else the nearest one above it at all. A note above every line comes first.
 */
import type { OcrLine } from '../ocr/types';

/** A line's box as its extent in pixels, y down. */
interface Extent {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The axis-aligned extent of the lines' boxes. */
function extent(...lines: readonly OcrLine[]): Extent {
  const xs = lines.flatMap((l) => l.box.map((p) => p[0]));
  const ys = lines.flatMap((l) => l.box.map((p) => p[1]));
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

const midY = (e: Extent) => (e.y0 + e.y1) / 2;
const midX = (e: Extent) => (e.x0 + e.x1) / 2;
/** Same row: their heights overlap by half of the shorter one's (a label and its typed value share a baseline). */
function sameRow(a: Extent, b: Extent): boolean {
  const overlap = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return overlap >= Math.min(a.y1 - a.y0, b.y1 - b.y0) / 2;
}

/** Index of the page line a note follows, or -1 when it comes before every line. */
function anchorOf(note: Extent, lines: readonly Extent[]): number {
  /** The index among `indices` whose line scores highest. */
  const best = (indices: number[], score: (e: Extent) => number) =>
    indices.reduce((b, i) => (b < 0 || score(lines[i]!) > score(lines[b]!) ? i : b), -1);
  const all = lines.map((_, i) => i);
  const leftOnRow = all.filter((i) => sameRow(lines[i]!, note) && midX(lines[i]!) < note.x0);
  if (leftOnRow.length > 0) return best(leftOnRow, (e) => e.x1);
  const above = all.filter((i) => midY(lines[i]!) < midY(note) && !sameRow(lines[i]!, note));
  const inColumn = above.filter((i) => Math.min(lines[i]!.x1, note.x1) > Math.max(lines[i]!.x0, note.x0));
  return best(inColumn.length > 0 ? inColumn : above, midY);
}

/**
 * The page's lines with its notes (each its lines, kept together) placed among them (see the file's comment); notes
 * following the same line keep their order down the page.
 */
export function withNotes(lines: readonly OcrLine[], notes: readonly (readonly OcrLine[])[]): OcrLine[] {
  const extents = lines.map((l) => extent(l));
  const after = new Map<number, { note: readonly OcrLine[]; top: number }[]>();
  for (const note of notes) {
    if (note.length === 0) continue;
    const e = extent(...note);
    const at = anchorOf(e, extents);
    after.set(at, [...(after.get(at) ?? []), { note, top: e.y0 }]);
  }
  const placed = (at: number) => (after.get(at) ?? []).sort((a, b) => a.top - b.top).flatMap((n) => n.note);
  return [...placed(-1), ...lines.flatMap((line, i) => [line, ...placed(i)])];
}
