/**
 * The images a PDF page draws, checked before it is rendered: PDFium decodes each image whole, whatever the scale the
 * page is drawn at, so a small file can hold one image that fills the process's memory.
 */
import { LanternError } from '../contracts/errors';
import { withScratch, type PdfiumApi } from './pdfium';

/** PDFium's page object types read here. */
export const IMAGE_OBJECT = 3;
const FORM_OBJECT = 5;
/** Form XObjects nested deeper than this are not looked into (PDFium itself stops drawing far sooner). */
const MAX_FORM_DEPTH = 16;

/** Throws IMAGE_TOO_LARGE when the page draws an image (also inside a form) of more than `maxPixels` pixels. */
export function assertPageImagesFit(api: PdfiumApi, page: number, maxPixels: number): void {
  withScratch(api, 8, (p) => {
    const visit = (count: number, get: (i: number) => number, depth: number): void => {
      for (let i = 0; i < count; i++) {
        const obj = get(i);
        const type = api._FPDFPageObj_GetType(obj);
        if (type === FORM_OBJECT && depth < MAX_FORM_DEPTH)
          visit(api._FPDFFormObj_CountObjects(obj), (k) => api._FPDFFormObj_GetObject(obj, k), depth + 1);
        if (type !== IMAGE_OBJECT || !api._FPDFImageObj_GetImagePixelSize(obj, p, p + 4)) continue;
        const width = api.HEAP32[p / 4] ?? 0;
        const height = api.HEAP32[p / 4 + 1] ?? 0;
        if (width * height > maxPixels)
          throw new LanternError(
            'IMAGE_TOO_LARGE',
            `the page holds an image of ${width}×${height} pixels, larger than ${maxPixels} pixels`,
          );
      }
    };
    visit(api._FPDFPage_CountObjects(page), (i) => api._FPDFPage_GetObject(page, i), 0);
  });
}
