/** Coded errors of document input (PDF, multi-page TIFF), on the same wire shape as the engine's errors. */
import {
  LanternError,
  toWireError,
  type ErrorCode,
  type ErrorReason,
  type WireError,
} from '../contracts/errors';

/** Codes only documents raise (part of ErrorCode, so every wire and the HTTP status table know them). */
export type DocumentErrorCode = Extract<
  ErrorCode,
  'PDF_ENCRYPTED' | 'BAD_PDF' | 'PDF_EMPTY' | 'TOO_MANY_PAGES'
>;

/** An error of a document or one of its pages: a LanternError whose code is a document code. */
export class DocumentError extends LanternError {
  constructor(code: DocumentErrorCode, message: string, reason?: ErrorReason) {
    super(code, message, { reason });
    this.name = 'DocumentError';
  }
}

/** A document or page error as it travels (the engine's wire error). */
export type DocumentWireError = WireError;

/** Turns anything thrown while reading a document into its wire form. */
export const toDocumentWireError: (err: unknown) => DocumentWireError = toWireError;

/** Re-exported so document code raises engine codes (IMAGE_TOO_LARGE, BAD_IMAGE) the usual way. */
export { LanternError };

/** A PDF opened without the password it needs: its reason says so as data, so its readers can offer a password. */
export function needsPassword(): DocumentError {
  return new DocumentError('PDF_ENCRYPTED', 'the PDF is encrypted: give its password', 'NEEDS_PASSWORD');
}

/** The refusal to rewrite an encrypted PDF (pdf-lib cannot write its pages back encrypted). */
export function encryptedCopy(): DocumentError {
  return new DocumentError(
    'PDF_ENCRYPTED',
    'a searchable copy of an encrypted PDF cannot be written; decrypt it first',
  );
}
