/**
 * The images a PDF page draws: walked to find a scan's resolution, and checked before the page is rendered (PDFium
 * decodes each image whole, whatever the scale the page is drawn at, so a small file can hold one image that fills
 * the process's memory).
 */
import { LanternError } from '../contracts/errors';
import { compose, type Affine } from './page-geometry';
import { readF32, withScratch, type PdfiumApi } from './pdfium';

/** PDFium's page object types read here. */
const IMAGE_OBJECT = 3;
const FORM_OBJECT = 5;
/** Form XObjects nested deeper than this are not looked into (PDFium itself stops drawing far sooner). */
const MAX_FORM_DEPTH = 16;
/** The page's own objects are already in page space. */
const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];

/** An object's matrix (FS_MATRIX) within its form or on the page: for an image, where its unit square is drawn. */
export function objectMatrix(api: PdfiumApi, obj: number): Affine | undefined {
  return withScratch(api, 24, (p) =>
    api._FPDFPageObj_GetMatrix(obj, p) ? (readF32(api, p, 6) as unknown as Affine) : undefined,
  );
}

/**
 * Calls `visit` with each image object the page draws, its own and those inside form XObjects, and the map from the
 * space its matrix is in to the page's (undefined if a form's matrix cannot be read): PDFium gives an object in a form
 * its matrix within the form, the form's /Matrix included, and the form object the matrix it is drawn with (its cm).
 */
export function forEachImage(
  api: PdfiumApi,
  page: number,
  visit: (obj: number, toPage: Affine | undefined) => void,
): void {
  walkImages(api, api._FPDFPage_CountObjects(page), (i) => api._FPDFPage_GetObject(page, i), visit);
}

/** Calls `visit` with each image object of a list of page objects and of the form XObjects among them. */
function walkImages(
  api: PdfiumApi,
  count: number,
  get: (i: number) => number,
  visit: (obj: number, toPage: Affine | undefined) => void,
): void {
  const walk = (
    count: number,
    get: (i: number) => number,
    toPage: Affine | undefined,
    depth: number,
  ): void => {
    for (let i = 0; i < count; i++) {
      const obj = get(i);
      const type = api._FPDFPageObj_GetType(obj);
      if (type === IMAGE_OBJECT) visit(obj, toPage);
      else if (type === FORM_OBJECT && depth < MAX_FORM_DEPTH) {
        const m = objectMatrix(api, obj);
        const formToPage = m && toPage ? compose(m, toPage) : undefined;
        walk(
          api._FPDFFormObj_CountObjects(obj),
          (k) => api._FPDFFormObj_GetObject(obj, k),
          formToPage,
          depth + 1,
        );
      }
    }
  };
  walk(count, get, IDENTITY, 0);
}

/**
 * Calls `visit` with each image object the page's annotations draw (their normal appearances, which the page is
 * rendered with): a stamp can hold an image as large as any page content can.
 */
function forEachAnnotationImage(api: PdfiumApi, page: number, visit: (obj: number) => void): void {
  for (let a = 0; a < api._FPDFPage_GetAnnotCount(page); a++) {
    const annot = api._FPDFPage_GetAnnot(page, a);
    if (!annot) continue;
    try {
      walkImages(api, api._FPDFAnnot_GetObjectCount(annot), (i) => api._FPDFAnnot_GetObject(annot, i), visit);
    } finally {
      api._FPDFPage_CloseAnnot(annot);
    }
  }
}

/**
 * Throws IMAGE_TOO_LARGE when the page draws an image (also inside a form or an annotation's appearance) of more than
 * `maxPixels` pixels.
 */
export function assertPageImagesFit(api: PdfiumApi, page: number, maxPixels: number): void {
  withScratch(api, 8, (p) => {
    const check = (where: string) => (obj: number) => {
      if (!api._FPDFImageObj_GetImagePixelSize(obj, p, p + 4)) return;
      const width = api.HEAP32[p / 4] ?? 0;
      const height = api.HEAP32[p / 4 + 1] ?? 0;
      if (width * height > maxPixels)
        throw new LanternError(
          'IMAGE_TOO_LARGE',
          `the page${where} holds an image of ${width}×${height} pixels, larger than ${maxPixels} pixels`,
        );
    };
    forEachImage(api, page, check(''));
    forEachAnnotationImage(api, page, check("'s annotation"));
  });
}
