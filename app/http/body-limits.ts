/**
 * Raw body limits of the HTTP API: images get `--max-body-mb`, documents (PDF, TIFF) `--max-document-mb`, so an
 * operator can take large scans without letting every image request hold as much memory.
 */
import { LanternError } from '../contracts/errors';

/** The raw Content-Types read as documents, with their own limit. */
export const DOCUMENT_BODY_TYPES = ['application/pdf', 'image/tiff'] as const;

/** The raw body limits, in bytes (and the fixed one of JSON bodies, for its message). */
export interface BodyLimits {
  readonly body: number;
  readonly document: number;
  readonly json: number;
}

/** A Content-Type's media type, lower case, without parameters. */
const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** Whether POST /ocr reads a body of this type: an image, a document, raw bytes or a form. */
export function isOcrBodyType(contentType: string | undefined): boolean {
  const t = mediaType(contentType);
  return (
    /^image\/[\w.+-]+$/u.test(t) ||
    t === 'application/octet-stream' ||
    t === 'multipart/form-data' ||
    (DOCUMENT_BODY_TYPES as readonly string[]).includes(t)
  );
}

/** Whether a Content-Type header names a document type (parameters ignored). */
function isDocumentType(contentType: string | undefined): boolean {
  return (DOCUMENT_BODY_TYPES as readonly string[]).includes(mediaType(contentType));
}

/** A multipart form may carry a document: it gets the larger of the two limits in all. */
export function multipartLimit(l: BodyLimits): number {
  return Math.max(l.body, l.document);
}

/** The coded 413 for a body over its limit, naming the limit and the option that sets it. */
export function bodyTooLarge(l: BodyLimits, contentType: string | undefined): LanternError {
  if (mediaType(contentType) === 'application/json')
    return new LanternError(
      'PAYLOAD_TOO_LARGE',
      `the JSON body is larger than this server's limit of ${mib(l.json)}`,
    );
  const doc = isDocumentType(contentType);
  const limit = doc ? l.document : l.body;
  const how = doc
    ? 'serve --max-document-mb or LANTERN_MAX_DOCUMENT_MB'
    : 'serve --max-body-mb or LANTERN_MAX_BODY_MB';
  return new LanternError(
    'PAYLOAD_TOO_LARGE',
    `the ${doc ? 'document' : 'request'} body is larger than this server's limit of ${mib(limit)} (${how})`,
  );
}

/** The coded 413 for a multipart upload over its limit (the larger of the two limits, for all its files together). */
export function uploadTooLarge(limit: number): LanternError {
  return new LanternError(
    'PAYLOAD_TOO_LARGE',
    `the upload is larger than this server's limit of ${mib(limit)} for a form's files together (serve --max-body-mb or --max-document-mb, the larger of the two)`,
  );
}

/** Bytes as MiB ("25 MiB", "0.5 MiB"). */
function mib(n: number): string {
  const v = n / 1024 / 1024;
  return `${Number.isInteger(v) ? v : v.toFixed(1)} MiB`;
}
