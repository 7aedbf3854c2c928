/** Tells PDFs and TIFFs (possibly multi-page) from single images by their first bytes, never by file name. */
import type { DocumentKind } from './document-types';

/** PDF readers accept the header anywhere in the first 1024 bytes. */
const PDF_HEADER_WINDOW = 1024;

/** The document kind of some bytes. */
export function sniffDocument(bytes: Uint8Array): DocumentKind {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PDF_HEADER_WINDOW));
  if (head.indexOf('%PDF-') >= 0) return 'pdf';
  const [a, b, c, d] = bytes;
  if (
    (a === 0x49 && b === 0x49 && c === 0x2a && d === 0) ||
    (a === 0x4d && b === 0x4d && c === 0 && d === 0x2a)
  )
    return 'tiff';
  return 'image';
}
