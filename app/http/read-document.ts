/** A PDF, TIFF or image read page by page through the engine for POST /ocr, named as uploaded. */
import type { OcrService, SubmitOptions } from '../engine/ocr-service';
import type { DocumentResult } from '../documents/document-types';
import { ocrDocument } from '../documents/http-output';
import type { DocumentOptions } from '../documents/recognize-document';

/** How the API reads one document. */
export interface ReadDocumentOptions extends Omit<DocumentOptions, 'file' | 'password'> {
  readonly password: string | undefined;
  readonly submit: SubmitOptions;
}

/** Reads a document; the password is only passed when one was sent. */
export function readDocument(
  engine: OcrService,
  file: string,
  bytes: Uint8Array,
  { password, ...opts }: ReadDocumentOptions,
): Promise<DocumentResult> {
  return ocrDocument(engine, bytes, { ...opts, file, ...(password === undefined ? {} : { password }) });
}
