/**
 * Where a page's typed notes (FreeText annotations) go among its own lines. The lines keep the order the page's
 * content gives them (its author's order, better than any geometry). A note's neighbours are the line to its left on
 * its row (a form's label and the value typed beside it) and the nearest line above it in its column; the reading
 * reaches the note once it has passed both, so the note follows whichever of them the content reads later (on a
 * two-column page, the note's own column's line, not the other column's on its row). With neither, it follows the
 * nearest line above it; a note above every line comes first.
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
  const left = best(
    all.filter((i) => sameRow(lines[i]!, note) && midX(lines[i]!) < note.x0),
    (e) => e.x1,
  );
  const above = all.filter((i) => midY(lines[i]!) < midY(note) && !sameRow(lines[i]!, note));
  const overhead = best(
    above.filter((i) => Math.min(lines[i]!.x1, note.x1) > Math.max(lines[i]!.x0, note.x0)),
    midY,
  );
  const later = Math.max(left, overhead);
  return later >= 0 ? later : best(above, midY);
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
