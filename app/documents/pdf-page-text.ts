/** A born-digital page's own text read from PDFium, as lines in the page's rendering pixels. */
import type { OcrLine } from '../ocr/types';
import { freeTextNotes } from './annotation-text';
import { withNotes } from './note-order';
import { invert, pixelToUser, userRectLine, type PageFrame } from './page-geometry';
import { readF32, readF64, withScratch, type PdfiumApi } from './pdfium';
import { startsNewLine, type GlyphPlace } from './text-lines';

/** A page's own text, when it carries any: lines in rendering pixels (score 1). */
export interface PageText {
  readonly lines: readonly OcrLine[];
  readonly text: string;
}

/** Line breaks PDFium puts between lines, and characters that never start a line. */
const BREAKS = new Set([0x0a, 0x0d]);
/** What PDFium puts in place of the hyphen that ends a line when it joins the word's two halves into one line. */
const JOINED_HYPHEN = 0x02;

/**
 * The page's text in the frame's pixels with its FreeText notes where they sit (annotation-text.ts, note-order.ts), or
 * undefined when it has no text of its own (scans, image-only pages).
 */
export function pageText(api: PdfiumApi, page: number, frame: PageFrame): PageText | undefined {
  const tp = api._FPDFText_LoadPage(page);
  if (!tp) return undefined;
  try {
    const n = api._FPDFText_CountChars(tp);
    const toPixel = invert(pixelToUser(frame));
    const lines: OcrLine[] = [];
    let chars: string[] = [];
    let rect: [number, number, number, number] | undefined;
    let seen = 0;
    let last: GlyphPlace | undefined;
    const flush = () => {
      const text = chars.join('').trim();
      if (text && rect) {
        lines.push(userRectLine(text, toPixel, [rect[0], rect[3]], [rect[1], rect[2]]));
      }
      chars = [];
      rect = undefined;
    };
    withScratch(api, 32, (p) => {
      for (let i = 0; i < n; i++) {
        const u = api._FPDFText_GetUnicode(tp, i);
        if (BREAKS.has(u)) {
          flush();
          last = undefined;
          continue;
        }
        if (u === 0 || api._FPDFText_HasUnicodeMapError(tp, i)) continue;
        // The hyphen and its line break come back, as printed (and as OCR reads the page).
        const ch = u === JOINED_HYPHEN ? '-' : String.fromCodePoint(u);
        if (/\s/u.test(ch)) {
          chars.push(ch);
          continue;
        }
        const place = glyphPlace(api, tp, i, p);
        if (place && last && startsNewLine(last, place)) flush();
        last = place ?? last;
        chars.push(ch);
        seen++;
        if (api._FPDFText_GetCharBox(tp, i, p, p + 8, p + 16, p + 24)) {
          const [l, r, b, t] = readF64(api, p, 4) as [number, number, number, number];
          rect = rect
            ? [Math.min(rect[0], l), Math.max(rect[1], r), Math.min(rect[2], b), Math.max(rect[3], t)]
            : [l, r, b, t];
        }
        if (u === JOINED_HYPHEN) {
          flush();
          last = undefined;
        }
      }
    });
    flush();
    if (seen === 0) return undefined;
    // Notes typed onto the page are shown with it; a page without text of its own is OCRed, annotations drawn.
    const all = withNotes(lines, freeTextNotes(api, page, toPixel));
    return { lines: all, text: all.map((l) => l.text).join('\n') };
  } finally {
    api._FPDFText_ClosePage(tp);
  }
}

/** Where character `i` sits (origin, baseline direction, em size), using 32 scratch bytes at `p`. */
function glyphPlace(api: PdfiumApi, tp: number, i: number, p: number): GlyphPlace | undefined {
  if (!api._FPDFText_GetCharOrigin(tp, i, p, p + 8)) return undefined;
  const [x, y] = readF64(api, p, 2) as [number, number];
  if (!api._FPDFText_GetMatrix(tp, i, p)) return undefined;
  const [a, b, c, d] = readF32(api, p, 4) as [number, number, number, number];
  const em = Math.abs(api._FPDFText_GetFontSize(tp, i)) * Math.hypot(c, d);
  return em > 0 ? { x, y, angle: Math.atan2(b, a), em } : undefined;
}
