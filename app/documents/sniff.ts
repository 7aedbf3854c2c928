/** Tells PDFs and TIFFs (possibly multi-page) from single images by their first bytes, never by file name. */
import { sniffKind } from '../contracts/sniff-kind';
import type { DocumentKind } from './document-types';

/** The document kind of some bytes. */
export function sniffDocument(bytes: Uint8Array): DocumentKind {
  return sniffKind(bytes);
}
