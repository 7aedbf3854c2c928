/** A page's layout blocks as Markdown: headings, paragraphs joined across line breaks, tables (docs/documents.md). */
import { assertNever } from './assert-never';
import { joinText } from './join-text';
import type { OcrBlock, OcrLine, Quad } from './ocr-result';

/** A line's text and its vertical and horizontal extent: all a table row needs. */
interface Placed {
  readonly text: string;
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
}

/**
 * Escapes what would turn a line of text into Markdown structure when it starts a line: a heading (`# `), a quote
 * (`>`), a list item (`- `, `* `, `+ `, `1. `, `1) `), a rule or setext underline (`---`, `***`, `___`, `===`) or a
 * code fence (three backticks or tildes). A backslash before ASCII punctuation shows the punctuation itself.
 */
export function escapeLineStart(text: string): string {
  const s = text.trimStart();
  if (/^(#{1,6}(\s|$)|>|[-*+](\s|$)|([-*_=])(\s*\4){2,}\s*$|`{3}|~{3})/u.test(s)) return `\\${s}`;
  return s.replace(/^(\d{1,9})([.)])(?=\s|$)/u, '$1\\$2');
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
  if (width < 2) return rows.map((r) => escapeLineStart(r.join(' '))).join('  \n');
  const line = (cells: readonly string[]) =>
    `| ${Array.from({ length: width }, (_, i) => (cells[i] ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [line(head), line(Array<string>(width).fill('---')), ...body.map(line)].join('\n');
}

/** A block's rows as its cells' texts, as the layout found them (lines without text left out, and rows left empty). */
export function layoutRows(lines: readonly OcrLine[], rows: readonly (readonly number[])[]): string[][] {
  return rows
    .map((row) => row.flatMap((i) => lines[i]?.text.trim() || []))
    .filter((cells) => cells.length > 0);
}

/** One block as Markdown; indices past the page's lines are skipped (the schema rejects them from clients). */
export function blockMarkdown(lines: readonly OcrLine[], block: OcrBlock): string {
  const own = block.lines.flatMap((i) => lines[i] ?? []);
  const texts = own.map((l) => l.text.trim()).filter((t) => t !== '');
  if (texts.length === 0) return '';
  switch (block.kind) {
    case 'heading':
      // A run of `#` after a space would end the heading (a closing sequence) and vanish.
      return `### ${joinText(texts).replace(/(\s)(#+)$/u, '$1\\$2')}`;
    case 'paragraph':
      return escapeLineStart(joinParagraph(texts));
    case 'table':
      return tableMarkdown(
        block.rows ? layoutRows(lines, block.rows) : tableRows(own.filter((l) => l.text.trim() !== '')),
      );
    default:
      return assertNever(block.kind);
  }
}

/** A page's blocks in reading order as Markdown, separated by blank lines (empty blocks left out). */
export function blocksMarkdown(lines: readonly OcrLine[], blocks: readonly OcrBlock[]): string {
  return blocks
    .map((b) => blockMarkdown(lines, b))
    .filter((md) => md !== '')
    .join('\n\n');
}
