/** Checks a searchable PDF's text layer against the word boxes we recognised, through `pdftotext -bbox`. */
import { execFileSync } from 'node:child_process';
import type { ReadPage } from '../../app/documents/document-types';
import type { Quad } from '../../app/ocr/types';

/** A word box in PDF points (x0, y0, x1, y1, y down as pdftotext gives it). */
export interface PtWord {
  readonly text: string;
  readonly r: readonly [number, number, number, number];
}

/** Our word boxes of `page` in the points of page `n` of `pdf`, and the words pdftotext finds on that page. */
export function layerWords(
  pdf: string,
  page: Pick<ReadPage, 'width' | 'lines'>,
  n = 1,
): { readonly ours: PtWord[]; readonly found: PtWord['r'][] } {
  const bbox = execFileSync('pdftotext', ['-bbox', '-f', String(n), '-l', String(n), pdf, '-'], {
    encoding: 'utf8',
  });
  const k = Number(/<page width="([\d.]+)"/u.exec(bbox)![1]) / page.width;
  const rect = (q: Quad) => {
    const xs = q.map((p) => p[0] * k);
    const ys = q.map((p) => p[1] * k);
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
  };
  const ours = page.lines.flatMap((l) => l.words ?? []).map((w) => ({ text: w.text, r: rect(w.box) }));
  const found = [
    ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/gu),
  ].map(([, ...edges]) => edges.map(Number) as unknown as PtWord['r']);
  return { ours, found };
}

/**
 * The words pdftotext found that lie on none of our word boxes (empty when the layer sits on the ink). A word is
 * stretched into a wide gap beside it (text-layer.ts) by at most half a text height each side, and pdftotext joins
 * words that touch (a hyphenated break): it must lie within the word boxes it overlaps. `yTol` (points) allows for
 * a skewed scan, whose level lines are set on one baseline (up to half the line's rise off a word's own box).
 */
export function wordsOffTheirBoxes(
  ours: readonly PtWord[],
  found: readonly PtWord['r'][],
  yTol = 1.5,
): string[] {
  const tol = 1.5;
  return found.flatMap(([x0, y0, x1, y1]) => {
    // A word narrower than the tolerance (a colon) overlaps by a share of its own size.
    const [tx, ty] = [Math.min(tol, (x1 - x0) / 3), Math.min(tol, (y1 - y0) / 3)];
    const under = ours.filter(
      ({ r }) => r[0] < x1 - tx && r[2] > x0 + tx && r[1] < y1 - ty && r[3] > y0 + ty,
    );
    const slack = Math.max(tol, ...under.map((u) => (u.r[3] - u.r[1]) / 2));
    const home =
      under.length > 0 &&
      x0 >= Math.min(...under.map((u) => u.r[0])) - slack &&
      x1 <= Math.max(...under.map((u) => u.r[2])) + slack &&
      y0 >= Math.min(...under.map((u) => u.r[1])) - yTol &&
      y1 <= Math.max(...under.map((u) => u.r[3])) + yTol;
    return home ? [] : [`${x0},${y0}-${x1},${y1}`];
  });
}
