/**
 * A page's reads made into its result's lines: empty and unsure reads dropped, words placed, the page's orientation
 * voted from its lines, boxes told in the source image's pixels, then laid out into blocks in reading order.
 */
import { isVertical } from './crop';
import { withTwinsSettled } from './glyph-twins';
import { withLatinForms } from './latin-forms';
import { gutterCut } from './line-cut';
import type { LineReads } from './line-reads';
import { lineWords } from './line-words';
import { pageOrientation, uprightQuad, type LineVote } from './orientation';
import { pageLayout, resultBlocks } from './page-layout';
import { withPlateText } from './plate-text';
import { paragraphs } from './reading-order';
import type { OcrLine, OcrResult, Page, Point, Quad } from './types';
import type { WordSpan } from './word-spans';

/** The part of a page's result that its lines make (everything but timings, provider and file). */
export type PageLines = Pick<
  OcrResult,
  'width' | 'height' | 'lines' | 'text' | 'paragraphs' | 'orientation' | 'blocks'
>;

/** Lays out the reads kept on `page`; reads scored under `dropScore` are left out, as PaddleOCR drops them. */
export function pageLines(
  page: Page,
  reads: LineReads,
  opts: { readonly words?: boolean; readonly paragraphs?: boolean },
  dropScore: number,
): PageLines {
  const { quads: boxes, texts, turned } = reads;
  const found: OcrLine[] = [];
  const spansAt: (readonly WordSpan[] | undefined)[] = [];
  const votes: LineVote[] = [];
  texts.forEach((read, i) => {
    const d = withPlateText(withTwinsSettled(withLatinForms(read)));
    const text = d.text.trim();
    if (text.length > 0 && d.score >= dropScore) {
      const words = opts.words && d.words ? lineWords(boxes[i]!, d.words, turned.has(i)) : undefined;
      found.push({ text, score: round4(d.score), box: boxes[i]!, ...(words ? { words } : {}) });
      spansAt.push(turned.has(i) ? undefined : d.words);
      votes.push({ tall: isVertical(boxes[i]!), turned: turned.has(i) });
    }
  });
  // Lines are laid out in the upright page's frame; their boxes stay in the (source) image's own.
  const orientation = pageOrientation(votes);
  const [w, h] = [page.source?.width ?? page.image.width, page.source?.height ?? page.image.height];
  const toUpright = (q: Quad) => uprightQuad(q, orientation, w, h);
  const sourced = toSource(found, page);
  const layout = pageLayout(
    sourced,
    (l) => toUpright(l.box),
    orientation === 0 ? gutterCut(sourced, spansAt, opts.words === true) : undefined,
  );
  const rows = layout.flatMap((b) => b.rows);
  const lines = rows.flat();
  return {
    width: w,
    height: h,
    lines,
    text: lines.map((l) => l.text).join('\n'),
    ...(opts.paragraphs
      ? { paragraphs: paragraphs(rows.map((r) => r.map((l) => ({ ...l, box: toUpright(l.box) })))) }
      : {}),
    orientation,
    blocks: resultBlocks(layout, (l) => l.box),
  };
}

/** Lines found on a page's working copy, with their boxes in the source image's pixels. */
function toSource(lines: OcrLine[], page: Page): OcrLine[] {
  const { source, image } = page;
  if (!source) return lines;
  const sx = source.width / image.width;
  const sy = source.height / image.height;
  const at = ([x, y]: Point): Point => [Math.round(x * sx), Math.round(y * sy)];
  const quad = (q: Quad): Quad => [at(q[0]), at(q[1]), at(q[2]), at(q[3])];
  return lines.map((l) => ({
    ...l,
    box: quad(l.box),
    ...(l.words ? { words: l.words.map((w) => ({ ...w, box: quad(w.box) })) } : {}),
  }));
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
