/**
 * The images a PDF page draws: walked to find a scan's resolution, and checked before the page is rendered (PDFium
 * decodes each image whole, whatever the scale the page is drawn at, so a small file can hold one image that fills
 * the process's memory).
 */
import { LanternError } from '../contracts/errors';
import { withScratch, type PdfiumApi } from './pdfium';

/** PDFium's page object types read here. */
const IMAGE_OBJECT = 3;
const FORM_OBJECT = 5;
/** Form XObjects nested deeper than this are not looked into (PDFium itself stops drawing far sooner). */
const MAX_FORM_DEPTH = 16;

/**
 * Calls `visit` with each image object the page draws: the page's own, and with `inForms` also those inside form
 * XObjects (whose bounds are in the form's space, not the page's).
 */
export function forEachImage(
  api: PdfiumApi,
  page: number,
  inForms: boolean,
  visit: (obj: number) => void,
): void {
  const walk = (count: number, get: (i: number) => number, depth: number): void => {
    for (let i = 0; i < count; i++) {
      const obj = get(i);
      const type = api._FPDFPageObj_GetType(obj);
      if (type === IMAGE_OBJECT) visit(obj);
      else if (type === FORM_OBJECT && inForms && depth < MAX_FORM_DEPTH)
        walk(api._FPDFFormObj_CountObjects(obj), (k) => api._FPDFFormObj_GetObject(obj, k), depth + 1);
    }
  };
  walk(api._FPDFPage_CountObjects(page), (i) => api._FPDFPage_GetObject(page, i), 0);
}

/** Throws IMAGE_TOO_LARGE when the page draws an image (also inside a form) of more than `maxPixels` pixels. */
export function assertPageImagesFit(api: PdfiumApi, page: number, maxPixels: number): void {
  withScratch(api, 8, (p) =>
    forEachImage(api, page, true, (obj) => {
      if (!api._FPDFImageObj_GetImagePixelSize(obj, p, p + 4)) return;
      const width = api.HEAP32[p / 4] ?? 0;
      const height = api.HEAP32[p / 4 + 1] ?? 0;
      if (width * height > maxPixels)
        throw new LanternError(
          'IMAGE_TOO_LARGE',
          `the page holds an image of ${width}×${height} pixels, larger than ${maxPixels} pixels`,
        );
    }),
  );
}
