/** Coded errors of document input (PDF, multi-page TIFF), on the same wire shape as the engine's errors. */
import { LanternError, toWireError, type ErrorCode } from '../contracts/errors';

/** Codes only documents raise (kept apart from ErrorCode until the HTTP layer maps them to statuses). */
export type DocumentErrorCode = 'PDF_ENCRYPTED' | 'BAD_PDF' | 'PDF_EMPTY' | 'TOO_MANY_PAGES';

/** An error of a document or one of its pages. */
export class DocumentError extends Error {
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentError';
  }
}

/** A document or page error as it travels: the engine's codes plus the document codes. */
export interface DocumentWireError {
  readonly code: ErrorCode | DocumentErrorCode;
  readonly message: string;
}

/** Turns anything thrown while reading a document into its wire form. */
export function toDocumentWireError(err: unknown): DocumentWireError {
  if (err instanceof DocumentError) return { code: err.code, message: err.message };
  return toWireError(err);
}

/** The HTTP status of a document error (the integrator folds these codes into ErrorCode and httpStatusFor). */
export function documentHttpStatus(code: DocumentErrorCode): number {
  switch (code) {
    case 'BAD_PDF':
    case 'PDF_EMPTY':
      return 400;
    case 'PDF_ENCRYPTED':
      return 422;
    case 'TOO_MANY_PAGES':
      return 413;
  }
}

/** Re-exported so document code raises engine codes (IMAGE_TOO_LARGE, BAD_IMAGE) the usual way. */
export { LanternError };
