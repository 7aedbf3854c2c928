/**
 * The largest scale a page holding a big JPEG 2000 image can be rendered at. OpenJPEG decodes such an image whole at
 * about 18 bytes a pixel in PDFium's heap, so one of about 45 MP or more exhausts the heap's cap, and PDFium then
 * draws nothing: the page rendered white and read as no text. PDFium decodes a JPEG 2000 image at a lower resolution
 * level (half the width and height per level) when the image is drawn at most that size on the device, so such a page
 * is rendered at the scale that lets the image's decode fit.
 */
import { compose } from './page-geometry';
import { forEachImage, objectMatrix } from './page-images';
import { PAGE_HEAP_BYTES, withScratch, type PdfiumApi } from './pdfium';
import type { PageFrame } from './page-geometry';

/** PDFium's heap per pixel of a JPEG 2000 image being decoded, with the page's bitmap, rounded up (docs/memory.md). */
const JPX_BYTES_PER_PIXEL = 20;
/** Resolution levels are halvings: drawn a hair under half, the image is sure to be decoded a level down. */
const UNDER = 0.995;

/** Whether an image object's stream is JPEG 2000 (`/JPXDecode` among its filters). */
function isJpx(api: PdfiumApi, obj: number): boolean {
  const filters = api._FPDFImageObj_GetImageFilterCount(obj);
  return withScratch(api, 32, (p) => {
    for (let i = 0; i < filters; i++) {
      const length = api._FPDFImageObj_GetImageFilter(obj, i, p, 32);
      if (
        length === 'JPXDecode'.length + 1 &&
        new TextDecoder().decode(api.HEAPU8.subarray(p, p + 9)) === 'JPXDecode'
      )
        return true;
    }
    return false;
  });
}

/**
 * The largest scale (pixels per point) at which every JPEG 2000 image the page draws is decoded within
 * PAGE_HEAP_BYTES, or undefined when each fits decoded whole. `rotate` is the turn the page is rendered at: PDFium
 * compares the image's extent on the device, turned, with its stored width and height.
 */
export function jpxScaleCap(api: PdfiumApi, page: number, rotate: PageFrame['rotate']): number | undefined {
  let cap: number | undefined;
  withScratch(api, 8, (p) =>
    forEachImage(api, page, (obj, toPage) => {
      const own = objectMatrix(api, obj);
      if (!own || !toPage || !api._FPDFImageObj_GetImagePixelSize(obj, p, p + 4)) return;
      const width = api.HEAP32[p / 4] ?? 0;
      const height = api.HEAP32[p / 4 + 1] ?? 0;
      const bytes = width * height * JPX_BYTES_PER_PIXEL;
      if (bytes <= PAGE_HEAP_BYTES || !isJpx(api, obj)) return;
      // Each level a decode skips takes a quarter of the pixels.
      const halvings = Math.ceil(Math.log(bytes / PAGE_HEAP_BYTES) / Math.log(4));
      const [a, b, c, d] = compose(own, toPage);
      const across = Math.abs(a) + Math.abs(c);
      const down = Math.abs(b) + Math.abs(d);
      const [dx, dy] = rotate === 90 || rotate === 270 ? [down, across] : [across, down];
      const scale = (Math.min(width / dx, height / dy) / 2 ** halvings) * UNDER;
      if (Number.isFinite(scale) && scale > 0) cap = Math.min(cap ?? scale, scale);
    }),
  );
  return cap;
}
