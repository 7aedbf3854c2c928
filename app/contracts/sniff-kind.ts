/** Tells PDFs and TIFFs (possibly multi-page) from single images by their first bytes, never by file name. */

/** PDF readers accept the header anywhere in the first 1024 bytes. */
const PDF_HEADER_WINDOW = 1024;
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** What some bytes hold: a PDF, a TIFF, or (anything else) an image for the decoder to judge. */
export type SniffedKind = 'pdf' | 'tiff' | 'image';

/** The kind of some bytes; plain code on a Uint8Array, so the page (which has no Buffer) tells them the same way. */
export function sniffKind(bytes: Uint8Array): SniffedKind {
  const end = Math.min(bytes.length, PDF_HEADER_WINDOW) - PDF_HEADER.length;
  for (let i = 0; i <= end; i++) if (PDF_HEADER.every((b, k) => bytes[i + k] === b)) return 'pdf';
  const [a, b, c, d] = bytes;
  // Version 42 is a classic TIFF, 43 a BigTIFF (8-byte offsets); either may hold many pages.
  const version =
    a === 0x49 && b === 0x49 && d === 0 ? c : a === 0x4d && b === 0x4d && c === 0 ? d : undefined;
  return version === 0x2a || version === 0x2b ? 'tiff' : 'image';
}
