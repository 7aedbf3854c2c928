/**
 * A document the desktop window names by its path (a dropped or opened file), read from disk where the document is
 * rendered, so its bytes never cross IPC: an absolute path to a regular file within the documents size limit.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isAbsolutePath } from '../contracts/op-schemas';
import { LanternError } from '../contracts/errors';

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
  // Non-blocking, so that a FIFO given as a document is refused instead of waiting for a writer.
  const fh = await open(p, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(
    (err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' || err.code === 'ENOTDIR'
        ? new LanternError('FILE_NOT_FOUND', `${p} does not exist`)
        : new LanternError('FILE_UNREADABLE', `${p} cannot be opened: ${err.code ?? err.message}`);
    },
  );
  try {
    // Checked on the open handle, so a file swapped after the check is not the one read.
    const st = await fh.stat();
    if (!st.isFile()) throw new LanternError('FILE_UNREADABLE', `${p} is not a regular file`);
    if (st.size > maxBytes)
      throw new LanternError(
        'PAYLOAD_TOO_LARGE',
        `${p} is ${mib(st.size)}; documents of at most ${mib(maxBytes)} are read`,
      );
    const bytes = new Uint8Array(st.size);
    let at = 0;
    while (at < bytes.length) {
      const { bytesRead } = await fh.read(bytes, at, bytes.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return at === bytes.length ? bytes : bytes.subarray(0, at);
  } catch (err) {
    if (err instanceof LanternError) throw err;
    throw new LanternError('FILE_UNREADABLE', `${p} cannot be read: ${(err as Error).message}`);
  } finally {
    await fh.close();
  }
}

/** Bytes as MiB for messages ("300.0 MiB"). */
function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The bytes of a source: as given, or read from its path. */
export function sourceBytes(s: DocumentSource): Promise<Uint8Array> {
  return 'bytes' in s ? Promise.resolve(s.bytes) : readDocumentFile(s.path);
}
