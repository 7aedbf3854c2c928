/** What the HTTP API needs for documents: read one with the engine, and its answer body for `?output=json|txt|md|pdf`. */
import type { OcrService, SubmitOptions } from '../engine/ocr-service';
import type { DocumentResult } from './document-types';
import { engineRecognizer } from './engine-recognizer';
import { documentMarkdown, documentTxt } from './formats';
import { recognizeDocument, type DocumentOptions } from './recognize-document';
import { searchablePdf } from './searchable-pdf';

/** The outputs a document request can ask for. */
export const DOCUMENT_OUTPUTS = ['json', 'txt', 'md', 'pdf'] as const;
/** One of DOCUMENT_OUTPUTS. */
export type DocumentOutput = (typeof DOCUMENT_OUTPUTS)[number];

/** Whether a query value names a document output. */
export function isDocumentOutput(v: unknown): v is DocumentOutput {
  return typeof v === 'string' && (DOCUMENT_OUTPUTS as readonly string[]).includes(v);
}

/**
 * Recognises a PDF, TIFF or image through the engine, page by page, each page a normal engine request; the next page
 * is rendered while the engine reads the current one.
 */
export function ocrDocument(
  service: Pick<OcrService, 'recognize'>,
  bytes: Uint8Array,
  opts: DocumentOptions & { readonly submit?: SubmitOptions } = {},
): Promise<DocumentResult> {
  return recognizeDocument(bytes, engineRecognizer(service, opts.submit), { lookahead: 1, ...opts });
}

/** The response body and Content-Type of a recognised document in the asked output. */
export async function documentBody(
  source: Uint8Array,
  doc: DocumentResult,
  output: DocumentOutput,
  writePdf: (source: Uint8Array, doc: DocumentResult) => Promise<Uint8Array> = searchablePdf,
): Promise<{ readonly contentType: string; readonly body: string | Uint8Array }> {
  switch (output) {
    case 'json':
      return { contentType: 'application/json', body: JSON.stringify(doc) };
    case 'txt':
      return { contentType: 'text/plain; charset=utf-8', body: documentTxt(doc) };
    case 'md':
      return { contentType: 'text/markdown; charset=utf-8', body: documentMarkdown(doc) };
    case 'pdf':
      return { contentType: 'application/pdf', body: await writePdf(source, doc) };
  }
}
