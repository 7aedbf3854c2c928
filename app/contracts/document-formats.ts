/** A document's text as txt and Markdown files, with page separators, and one image's result as a one-page document. */
import { blocksMarkdown } from './blocks-markdown';
import { escapeInline, escapeMarkdownText } from './markdown-escape';
import type { OcrResult } from './ocr-result';
import type { DocumentResult, ReadPage } from './document-result';
import { isReadPage } from './document-result';

/**
 * The document's text: each page's paragraphs apart (a blank line) where they were asked for and found, else its
 * lines; pages separated by a form feed, as in the result's `text`.
 */
export function pagesText(doc: DocumentResult): string {
  if (!doc.pages.some((p) => isReadPage(p) && p.paragraphs)) return doc.text;
  return doc.pages
    .map((p) => (!isReadPage(p) ? '' : p.paragraphs ? p.paragraphs.join('\n\n') : p.text))
    .join('\n\f');
}

/** Plain text: pages separated by a form feed on its own line (as pdftotext writes them). */
export function documentTxt(doc: DocumentResult): string {
  return `${pagesText(doc)}\n`;
}

/** A read page's Markdown: its layout blocks, or its plain text (escaped) where it has none (PDF text, older results). */
function pageMarkdown(p: ReadPage): string {
  return p.blocks && p.blocks.length > 0 ? blocksMarkdown(p.lines, p.blocks) : escapeMarkdownText(p.text);
}

/** Markdown: a heading per page, then its headings, paragraphs and tables; a failed page says why. */
export function documentMarkdown(doc: DocumentResult): string {
  return doc.pages
    .map(
      (p) =>
        `## Page ${p.page}\n\n${isReadPage(p) ? pageMarkdown(p) : `*not read: ${escapeInline(`${p.error.code}: ${p.error.message}`)}*`}\n`,
    )
    .join('\n');
}

/** A single image's result as a document of one OCRed page. */
export function imageDocument(r: OcrResult): DocumentResult {
  const page = {
    page: 1,
    width: r.width,
    height: r.height,
    lines: r.lines,
    text: r.text,
    source: 'ocr',
    ...(r.blocks === undefined ? {} : { blocks: r.blocks }),
    ...(r.orientation ? { orientation: r.orientation } : {}),
    ...(r.paragraphs === undefined ? {} : { paragraphs: r.paragraphs }),
  } as const;
  const warnings = r.warnings === undefined ? {} : { warnings: r.warnings };
  return {
    file: r.file,
    kind: 'image',
    pages: [page],
    text: r.text,
    ms: Math.round(r.ms.total),
    ...warnings,
  };
}

/** A document's text as one result without lines (what a client that knows only images shows for it). */
export function documentSummary(doc: DocumentResult): OcrResult {
  const first = doc.pages.find(isReadPage);
  return {
    ...(doc.file === undefined ? {} : { file: doc.file }),
    width: first?.width ?? 1,
    height: first?.height ?? 1,
    lines: [],
    text: doc.text,
    ms: { decode: 0, det: 0, cls: 0, rec: 0, total: doc.ms },
    provider: '',
  };
}
