/** A page's layout blocks as Markdown: headings, paragraphs joined across line breaks, tables (docs/documents.md). */
import { assertNever } from './assert-never';
import { joinText } from './join-text';
import { escapeInline, escapeMarkdownLine, markdownHeading } from './markdown-escape';
import type { OcrBlock, OcrLine, Quad } from './ocr-result';

/** A line's text and its vertical and horizontal extent: all a table row needs. */
interface Placed {
  readonly text: string;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
}

/**
 * Joins a paragraph's wrapped lines into one: a word broken with a hyphen after a letter is mended when the next line
 * goes on in lowercase ("distri-" + "bution"); otherwise as joinText (a space, none after CJK).
 */
export function joinParagraph(lines: readonly string[]): string {
  return lines.reduce((acc, l) => {
    if (acc === '') return l;
    if (/\p{L}-$/u.test(acc) && /^\p{Ll}/u.test(l)) return acc.slice(0, -1) + l;
    return joinText([acc, l]);
  }, '');
}

function placed(line: OcrLine): Placed {
  const ys = line.box.map((p) => p[1]);
  return { text: line.text.trim(), top: Math.min(...ys), bottom: Math.max(...ys), left: leftOf(line.box) };
}

function leftOf(box: Quad): number {
  return Math.min(...box.map((p) => p[0]));
}

/**
 * A table block's rows found again from the boxes, for results made before blocks carried their rows: lines come in
 * reading order, and a line whose vertical centre lies inside the previous line's vertical extent is on its row.
 */
export function tableRows(lines: readonly OcrLine[]): string[][] {
  const rows: Placed[][] = [];
  let prev: Placed | undefined;
  for (const line of lines) {
    const p = placed(line);
    const mid = (p.top + p.bottom) / 2;
    const row = rows[rows.length - 1];
    if (row && prev && mid >= prev.top && mid <= prev.bottom) row.push(p);
    else rows.push([p]);
    prev = p;
  }
  return rows.map((r) => [...r].sort((a, b) => a.left - b.left).map((c) => c.text));
}

/** Rows as a pipe table (the first row is the header Markdown needs), or one line per row when no row has two cells. */
export function tableMarkdown(rows: readonly (readonly string[])[]): string {
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width < 2) return rows.map((r) => escapeMarkdownLine(r.join(' '))).join('  \n');
  const line = (cells: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, i) => escapeInline(cells[i] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [line(head), line(Array<string>(width).fill('---')), ...body.map(line)].join('\n');
}

/** A line's extent along and across a row: along x when the row's lines run across the image, else along y. */
function spans(box: Quad, acrossImage: boolean): { along: [number, number]; across: [number, number] } {
  const xs = box.map((p) => p[0]);
  const ys = box.map((p) => p[1]);
  const x: [number, number] = [Math.min(...xs), Math.max(...xs)];
  const y: [number, number] = [Math.min(...ys), Math.max(...ys)];
  return acrossImage ? { along: x, across: y } : { along: y, across: x };
}

/** How far two extents overlap, as a share of the shorter (0 when they do not). */
function overlapShare(a: readonly [number, number], b: readonly [number, number]): number {
  const shorter = Math.min(a[1] - a[0], b[1] - b[0]);
  return shorter > 0 ? Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0])) / shorter : 0;
}

/**
 * Whether `b` is the next line of `a`'s cell: the layout puts a cell's wrapped lines right after it, under it (their
 * extents along the row overlap by half the shorter, and across it they do not), while the cells of a row stand side
 * by side on one line.
 */
function underCell(a: OcrLine, b: OcrLine, acrossImage: boolean): boolean {
  const sa = spans(a.box, acrossImage);
  const sb = spans(b.box, acrossImage);
  return overlapShare(sa.along, sb.along) >= 0.5 && overlapShare(sa.across, sb.across) < 0.5;
}

/**
 * A block's rows as its cells' texts, as the layout found them (lines without text left out, and rows left empty); a
 * cell's wrapped lines, which follow it in its row, are joined into it.
 */
export function layoutRows(lines: readonly OcrLine[], rows: readonly (readonly number[])[]): string[][] {
  return rows
    .map((row) => {
      const own = row.flatMap((i) => (lines[i] && lines[i].text.trim() !== '' ? [lines[i]] : []));
      // The row's direction in the image: along its longest line (a page read turned has its rows running down).
      const longest = own.reduce<OcrLine | undefined>(
        (m, l) => (!m || l.text.length > m.text.length ? l : m),
        undefined,
      );
      const s = longest && spans(longest.box, true);
      const acrossImage = !s || s.along[1] - s.along[0] >= s.across[1] - s.across[0];
      const cells: string[][] = [];
      own.forEach((l, k) => {
        if (k > 0 && underCell(own[k - 1]!, l, acrossImage)) cells[cells.length - 1]!.push(l.text.trim());
        else cells.push([l.text.trim()]);
      });
      return cells.map((c) => joinParagraph(c));
    })
    .filter((cells) => cells.length > 0);
}

/** One block as Markdown; indices past the page's lines are skipped (the schema rejects them from clients). */
export function blockMarkdown(lines: readonly OcrLine[], block: OcrBlock): string {
  const own = block.lines.flatMap((i) => lines[i] ?? []);
  const texts = own.map((l) => l.text.trim()).filter((t) => t !== '');
  if (texts.length === 0) return '';
  switch (block.kind) {
    case 'heading':
      return markdownHeading(3, joinText(texts));
    case 'paragraph':
      return escapeMarkdownLine(joinParagraph(texts));
    case 'table':
      return tableMarkdown(
        block.rows ? layoutRows(lines, block.rows) : tableRows(own.filter((l) => l.text.trim() !== '')),
      );
    default:
      return assertNever(block.kind);
  }
}

/**
 * A page's lines as Markdown, one line each (hard breaks), each shown as it was read; with `lowBelow`, a line scored
 * under it carries an HTML comment with its score (kept out of the rendered text).
 */
export function linesMarkdown(lines: readonly OcrLine[], lowBelow = 0): string {
  return lines
    .map((l) => {
      const md = escapeMarkdownLine(l.text);
      return l.score < lowBelow ? `${md} <!-- low confidence ${l.score.toFixed(2)} -->` : md;
    })
    .join('  \n');
}

/** A page's blocks in reading order as Markdown, separated by blank lines (empty blocks left out). */
export function blocksMarkdown(lines: readonly OcrLine[], blocks: readonly OcrBlock[]): string {
  return blocks
    .map((b) => blockMarkdown(lines, b))
    .filter((md) => md !== '')
    .join('\n\n');
}
