/**
 * Plain text (OCR lines, PDF text, file names) as Markdown that renders back to the same text: what CommonMark or
 * GFM would read as structure gets a backslash, which shows the ASCII punctuation after it as itself.
 */
import { oneLine } from './one-line';

/**
 * Escapes what would turn a line of text into Markdown structure when it starts a line: a heading (`# `), a quote
 * (`>`), a list item (`- `, `* `, `+ `, `1. `, `1) `), a rule or setext underline (`---`, `***`, `___`, `=`, `--`), a
 * table's delimiter row (`--|--`) or a code fence (three backticks or tildes). Leading spaces go (they would indent
 * code).
 */
export function escapeLineStart(text: string): string {
  const s = text.trimStart();
  if (/^(#{1,6}(\s|$)|>|[-*+](\s|$)|([-*_=])(\s*\4){2,}\s*$|=+\s*$|[-|:\s]*-[-|:\s]*$|`{3}|~{3})/u.test(s))
    return `\\${s}`;
  return s.replace(/^(\d{1,9})([.)])(?=\s|$)/u, '$1\\$2');
}

/**
 * Escapes what Markdown reads inside a line: raw HTML and autolinks (`<`, `>`), emphasis and strikethrough (`*`,
 * `_` but inside a word, `~`), code spans, links and images (`[`), entities (`&amp;`), and a backslash that would
 * escape what follows it or end the line as a hard break.
 */
export function escapeInline(text: string): string {
  return text.replace(
    /\\(?=[!-/:-@[-`{-~]|$)|[<>*~`[]|_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_|&(?=#?[a-z\d]+;)/giu,
    (m) => `\\${m}`,
  );
}

/** One line of text as a Markdown line that shows it as it is (neither its start nor anything in it is markup). */
export function escapeMarkdownLine(text: string): string {
  return escapeLineStart(escapeInline(text.trimStart()));
}

/** Lines of text (kept as lines: blank ones still part paragraphs) with each escaped as `escapeMarkdownLine`. */
export function escapeMarkdownText(text: string): string {
  return text
    .split('\n')
    .map((l) => escapeMarkdownLine(l))
    .join('\n');
}

/** An ATX heading of `level` showing `text` as it is (a run of `#` at its end would close the heading and vanish). */
export function markdownHeading(level: number, text: string): string {
  return `${'#'.repeat(level)} ${escapeInline(oneLine(text.trim())).replace(/(^|\s)(#+)$/u, '$1\\$2')}`;
}
