/** Reading order for detected lines: rows top to bottom, left to right within a row, and optional paragraphs. */
import { joinText } from '../contracts/join-text';
import { quadBounds } from './geometry';
import { readingBlocks } from './layout-blocks';
import { deskewed } from './page-skew';
import type { Quad } from './types';

export { joinText };

interface Item<T> {
  readonly value: T;
  readonly x0: number;
  readonly y0: number;
  readonly y1: number;
  readonly cy: number;
}

/**
 * Reading order (in the page's deskewed frame, page-skew.ts): columns first where the layout has non-table columns
 * (layout-blocks.ts), then, inside each block,
 * groups boxes into rows (a box joins a row when its vertical centre lies inside the row's band and the two
 * overlap by at least half the smaller height), orders rows top to bottom and boxes left to right.
 */
export function readingOrder<T>(values: readonly T[], pageBoxOf: (v: T) => Quad): T[][] {
  const boxOf = deskewed(values, pageBoxOf);
  const boxes = values.map((value) => ({ value, ...quadBounds(boxOf(value)) }));
  return readingBlocks(boxes).flatMap((block) =>
    rowsOf(
      block.map((b) => b.value),
      boxOf,
    ),
  );
}

/** Row grouping inside one reading block: rows top to bottom, boxes left to right. */
export function rowsOf<T>(values: readonly T[], boxOf: (v: T) => Quad): T[][] {
  const items: Item<T>[] = values.map((value) => {
    const b = quadBounds(boxOf(value));
    return { value, x0: b.x0, y0: b.y0, y1: b.y1, cy: (b.y0 + b.y1) / 2 };
  });
  items.sort((a, b) => a.cy - b.cy || a.x0 - b.x0);
  const rows: { y0: number; y1: number; items: Item<T>[] }[] = [];
  for (const it of items) {
    let placed = false;
    for (let r = rows.length - 1; r >= 0 && r >= rows.length - 3; r--) {
      const row = rows[r]!;
      const overlap = Math.min(row.y1, it.y1) - Math.max(row.y0, it.y0);
      const minH = Math.min(row.y1 - row.y0, it.y1 - it.y0);
      if (minH > 0 && overlap >= 0.5 * minH && it.cy >= row.y0 && it.cy <= row.y1) {
        row.items.push(it);
        placed = true;
        break;
      }
    }
    if (!placed) rows.push({ y0: it.y0, y1: it.y1, items: [it] });
  }
  return rows.map((row) => row.items.sort((a, b) => a.x0 - b.x0).map((i) => i.value));
}

/** Merges consecutive rows into paragraphs when the gap between them is small against the line height. */
export function paragraphs(rows: readonly (readonly { text: string; box: Quad }[])[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let prev: { y1: number; h: number; x0: number } | undefined;
  for (const row of rows) {
    if (row.length === 0) continue;
    const bounds = row.map((l) => quadBounds(l.box));
    const y0 = Math.min(...bounds.map((b) => b.y0));
    const y1 = Math.max(...bounds.map((b) => b.y1));
    const x0 = Math.min(...bounds.map((b) => b.x0));
    const h = y1 - y0;
    const text = row.map((l) => l.text).join(' ');
    const joins =
      prev !== undefined &&
      y0 - prev.y1 < 0.8 * Math.min(h, prev.h) &&
      Math.abs(x0 - prev.x0) < 2 * Math.max(h, prev.h);
    if (!joins && current.length > 0) {
      out.push(joinText(current));
      current = [];
    }
    current.push(text);
    prev = { y1, h, x0 };
  }
  if (current.length > 0) out.push(joinText(current));
  return out;
}
