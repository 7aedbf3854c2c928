/**
 * A document the desktop window names by its path (a dropped or opened file), read from disk where the document is
 * rendered, so its bytes never cross IPC: an absolute path to a regular file within the documents size limit.
 */
import { isAbsolutePath } from '../contracts/op-schemas';
import { LanternError } from '../contracts/errors';
import { readInputPath } from '../files/read-input-path';

/** The largest document read by path: PDFium holds it once and pdf-lib once more while a searchable PDF is written. */
export const DOCUMENT_FILE_BYTES = 256 * 1024 * 1024;

/** A document the window gave by path rather than by bytes. */
export interface DocumentPath {
  readonly name: string;
  readonly path: string;
}

/** Where a document comes from: its bytes (browser, paste), or its path on disk (desktop drop or Open…). */
export type DocumentSource = { readonly bytes: Uint8Array } | { readonly path: string };

/** Reads a document by path: FILE_NOT_FOUND, FILE_UNREADABLE (not a regular file, no access), PAYLOAD_TOO_LARGE. */
export async function readDocumentFile(p: string, maxBytes = DOCUMENT_FILE_BYTES): Promise<Uint8Array> {
  if (!isAbsolutePath(p) || p.includes('\0'))
    throw new LanternError('BAD_REQUEST', 'a document path must be absolute');
  const bytes = await readInputPath(p, 'files', { maxBytes, tooLarge: 'PAYLOAD_TOO_LARGE' });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** The bytes of a source: as given, or read from its path. */
export function sourceBytes(s: DocumentSource): Promise<Uint8Array> {
  return 'bytes' in s ? Promise.resolve(s.bytes) : readDocumentFile(s.path);
}
