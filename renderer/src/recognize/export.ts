/** Export of a result or document as txt, json, md or a searchable PDF, and the Blob download that saves it. */
import type { DocumentResult } from '../../../app/contracts/document-result';
import { blocksMarkdown, linesMarkdown } from '../../../app/contracts/blocks-markdown';
import { documentMarkdown, pagesText } from '../../../app/contracts/document-formats';
import { escapeMarkdownText, markdownHeading } from '../../../app/contracts/markdown-escape';
import type { OcrResult } from '../../../app/contracts/ocr-result';

/** Export formats. */
export const EXPORT_FORMATS = ['txt', 'json', 'md'] as const;

/** One export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Lines or paragraphs. */
export type TextMode = 'lines' | 'paragraphs';

/** Score under which a line is marked as low confidence. */
export const LOW_CONFIDENCE = 0.8;

/** The paragraphs of a result (the engine's, or blank-line-separated text when it sent none). */
export function paragraphsOf(r: OcrResult): readonly string[] {
  return r.paragraphs ?? (r.text ? r.text.split(/\n{2,}/) : []);
}

/** The plain text of a result in a mode. */
export function textOf(r: OcrResult, mode: TextMode): string {
  return mode === 'paragraphs' ? paragraphsOf(r).join('\n\n') : r.text;
}

/** The file contents of an export (Markdown in paragraphs mode: the layout's headings, paragraphs and tables). */
export function exportContent(r: OcrResult, name: string, format: ExportFormat, mode: TextMode): string {
  switch (format) {
    case 'txt':
      return textOf(r, mode) + '\n';
    case 'json':
      return JSON.stringify({ ...r, file: r.file ?? name }, null, 2) + '\n';
    case 'md': {
      const body =
        mode === 'paragraphs'
          ? r.blocks && r.blocks.length > 0
            ? blocksMarkdown(r.lines, r.blocks)
            : escapeMarkdownText(paragraphsOf(r).join('\n\n'))
          : linesMarkdown(r.lines, LOW_CONFIDENCE);
      const lines = `${r.lines.length} ${r.lines.length === 1 ? 'line' : 'lines'}`;
      return `${markdownHeading(1, name)}\n\n${body}\n\n---\n\n${lines} · ${Math.round(r.ms.total)} ms · ${r.provider}\n`;
    }
  }
}

/** A document's plain text in a mode, pages separated by form feeds: its lines, or each page's paragraphs. */
export function documentText(doc: DocumentResult, mode: TextMode): string {
  return mode === 'paragraphs' ? pagesText(doc) : doc.text;
}

/** The file contents of a document's export: pages separated by form feeds (txt) or `## Page n` headings (md). */
export function documentExportContent(
  doc: DocumentResult,
  name: string,
  format: ExportFormat,
  mode: TextMode,
): string {
  switch (format) {
    case 'txt':
      return `${documentText(doc, mode)}\n`;
    case 'json':
      return JSON.stringify({ ...doc, file: doc.file ?? name }, null, 2) + '\n';
    case 'md':
      return `${markdownHeading(1, name)}\n\n${documentMarkdown(doc)}`;
  }
}

const MIME: Record<ExportFormat | 'pdf', string> = {
  txt: 'text/plain;charset=utf-8',
  json: 'application/json',
  md: 'text/markdown;charset=utf-8',
  pdf: 'application/pdf',
};

/** The download name: the image's base name with the format's extension. */
export function exportName(imageName: string, format: ExportFormat | 'pdf'): string {
  const base = imageName.replace(/\.[^./\\]+$/, '') || 'lantern-ocr';
  return `${base}.${format}`;
}

/** Saves text or bytes as a file through a Blob URL and a temporary link. */
export function download(content: string | Uint8Array, fileName: string, format: ExportFormat | 'pdf'): void {
  const part = typeof content === 'string' ? content : content.slice();
  const url = URL.createObjectURL(new Blob([part], { type: MIME[format] }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
