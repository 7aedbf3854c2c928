/** A recognised document on the wire: pages read by OCR or from the PDF's own text, or failed one by one. */
import type { WireError } from './errors';
import type { OcrBlock, OcrLine } from './ocr-result';
import type { ResultWarning } from './result-warnings';

/** Default page-count limit of one document (here, not with the reader, so contracts can name it without PDFium). */
export const MAX_PAGES = 2000;

/** What kind of input a document is. */
export type DocumentKind = 'pdf' | 'tiff' | 'image';

/** A page that was read; `source` says whether OCR read it or the PDF's own text was used. */
export interface ReadPage {
  readonly page: number;
  readonly width: number;
  readonly height: number;
  readonly lines: readonly OcrLine[];
  readonly text: string;
  readonly source: 'ocr' | 'pdf-text';
  /** An OCRed page that carries its own text too (OCR was forced): a searchable copy layers none of it again. */
  readonly ownText?: boolean;
  /** Such a page's `lines` that lie on its own text; without them (an older result) the copy adds no layer at all. */
  readonly ownLines?: readonly number[];
  /** How far an OCRed page was found turned clockwise (OcrResult's); its boxes are in the page's own pixels. */
  readonly orientation?: 0 | 90 | 180 | 270;
  /** The layout blocks of an OCRed page (as OcrResult's); a page read from the PDF's own text has none. */
  readonly blocks?: readonly OcrBlock[];
  /** The OCRed page's lines grouped into paragraphs, when they were asked for (`--paragraphs`, `?paragraphs=1`). */
  readonly paragraphs?: readonly string[];
}

/** A page that could not be read; the document's other pages are unaffected. */
export interface FailedPage {
  readonly page: number;
  readonly error: WireError;
}

/** One page's outcome. */
export type DocumentPage = ReadPage | FailedPage;

/** One result per document (`text` has the pages separated by form feeds, as pdftotext writes them). */
export interface DocumentResult {
  readonly file?: string;
  readonly kind: DocumentKind;
  readonly pages: readonly DocumentPage[];
  readonly text: string;
  readonly ms: number;
  /** An encrypted PDF (a user or only an owner password): it reads, but no searchable copy of it can be written. */
  readonly encrypted?: true;
  /** What of the document could not be read though its pages were (an image cut short); absent when all was there. */
  readonly warnings?: readonly ResultWarning[];
}

/** Whether a page was read. */
export function isReadPage(p: DocumentPage): p is ReadPage {
  return 'lines' in p;
}
