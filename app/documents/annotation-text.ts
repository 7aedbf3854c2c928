/**
 * Text typed onto a page as FreeText annotations (how PDF editors add typed text to a form or a letter). PDFium's text
 * page holds only the page's content, so a page read from its own text would lose the notes a viewer shows on it;
 * each note's /Contents comes as lines in its /Rect. A page that is OCRed reads them from its rendering instead, which
 * draws annotations.
 */
import type { OcrLine } from '../ocr/types';
import { userRectLine, type Affine } from './page-geometry';
import { readF32, withScratch, type PdfiumApi } from './pdfium';

/** FPDF_ANNOT_FREETEXT. */
const FREE_TEXT = 3;
/** Annotation flags a viewer shows nothing for: Hidden (2) and NoView (32). */
const UNSEEN = 2 | 32;
/** The longest note read, in UTF-16 code units: /Contents is typed text, never a document. */
const MAX_UNITS = 64 * 1024;

/**
 * The page's visible FreeText annotations, each as its lines (score 1), `toPixel` taking PDF user space to the frame's
 * pixels.
 */
export function freeTextNotes(api: PdfiumApi, page: number, toPixel: Affine): OcrLine[][] {
  const notes: OcrLine[][] = [];
  const count = api._FPDFPage_GetAnnotCount(page);
  if (count <= 0) return notes;
  withScratch(api, 16 + 16 + 2 * MAX_UNITS + 2, (p) => {
    const [rect, key, text] = [p, p + 16, p + 32];
    api.HEAPU8.set(new TextEncoder().encode('Contents\0'), key);
    for (let a = 0; a < count; a++) {
      const annot = api._FPDFPage_GetAnnot(page, a);
      if (!annot) continue;
      try {
        if (api._FPDFAnnot_GetSubtype(annot) !== FREE_TEXT) continue;
        if (api._FPDFAnnot_GetFlags(annot) & UNSEEN) continue;
        if (!api._FPDFAnnot_GetRect(annot, rect)) continue;
        const bytes = api._FPDFAnnot_GetStringValue(annot, key, text, 2 * MAX_UNITS + 2);
        // The length includes the terminator; a note longer than the buffer is not written into it at all.
        if (bytes <= 2 || bytes > 2 * MAX_UNITS + 2) continue;
        const contents = new TextDecoder('utf-16le').decode(api.HEAPU8.subarray(text, text + bytes - 2));
        const [left, top, right, bottom] = readF32(api, rect, 4) as [number, number, number, number];
        notes.push(noteLines(contents, { left, top, right, bottom }, toPixel));
      } finally {
        api._FPDFPage_CloseAnnot(annot);
      }
    }
  });
  return notes;
}

/** A note's lines of text, each a band of its rectangle from the top down (a viewer wraps within the same box). */
function noteLines(
  contents: string,
  r: { left: number; top: number; right: number; bottom: number },
  toPixel: Affine,
): OcrLine[] {
  const texts = contents
    .split(/\r\n|\r|\n/u)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const [lo, hi] = [Math.min(r.top, r.bottom), Math.max(r.top, r.bottom)];
  const band = (hi - lo) / Math.max(1, texts.length);
  return texts.map((t, i) =>
    userRectLine(t, toPixel, [r.left, hi - i * band], [r.right, hi - (i + 1) * band]),
  );
}
