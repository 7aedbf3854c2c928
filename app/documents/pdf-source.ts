/** A PDF opened with PDFium: page frames, their own text (born-digital pages) and their rendering, one page at a time. */
import type { RgbImage } from '../ocr/types';
import { WORK_PIXELS } from '../ocr/working-size';
import { DocumentError, LanternError } from './errors';
import { guarded, InstanceLost, openLive, type Opened } from './pdf-instance';
import { pdfiumAborted, readF32, withScratch, type PdfiumApi } from './pdfium';
import { compose, normaliseRotate, pixelSize, type PageFrame, type PdfRect } from './page-geometry';
import { pageText, type PageText } from './pdf-page-text';
import { hiddenPageCount } from './hidden-pages';
import { jpxScaleCap } from './jpx-scale';
import { treePageCount } from './page-tree-count';
import { assertPageImagesFit, forEachImage, objectMatrix } from './page-images';
import { hiddenImageRefusals } from './hidden-images';

/** Resolution for pages without one dominant image (text and vector pages), in dots per inch. */
export const VECTOR_DPI = 300;
/** Highest resolution a scanned page is rendered at, whatever its image's own resolution. */
export const MAX_SCAN_DPI = 400;
/** Lowest resolution accepted before a page counts as too large for the pixel limit. */
const MIN_DPI = 72;
/** FPDF_ANNOT | FPDF_REVERSE_BYTE_ORDER: draw annotation appearances, pixels in RGB order. */
const RENDER_FLAGS = 0x01 | 0x10;
/** FPDFBitmap_BGR: 3 bytes a pixel, so with the reversed byte order rows copy out as RGB without a pixel loop. */
const BITMAP_BGR = 2;

/** An open PDF document; close() frees PDFium's copy. */
export interface PdfSource {
  readonly pageCount: number;
  /** Whether the file is encrypted (a user or only an owner password): its pages cannot be rewritten. */
  readonly encrypted: boolean;
  /** Pages the page tree holds past those its root's /Count claims, which PDFium cannot show (hidden-pages.ts). */
  readonly hiddenPages: number;
  /**
   * Runs `fn`, which calls the page methods below, on a PDFium that works: a page of another document that exhausted
   * PDFium's heap aborts the instance every open document shares, so this one is opened again on a fresh instance.
   */
  live<T>(fn: () => T): Promise<T>;
  /** The page's frame at the resolution it would be OCRed at (under 72 dpi for a page too large to OCR). */
  frame(index: number): PageFrame;
  /** The page's own text in the frame's pixels, or undefined when it has none. */
  text(index: number, frame: PageFrame): PageText | undefined;
  /** Renders the page (white background) as RGB at the frame's scale. */
  render(index: number, frame: PageFrame): RgbImage;
  close(): void;
}

/** Opens a PDF from memory, or throws PDF_ENCRYPTED / BAD_PDF / PDF_EMPTY. */
export async function openPdf(
  bytes: Uint8Array,
  opts: { password?: string; maxPixels: number },
): Promise<PdfSource> {
  let at = await openLive(bytes, opts.password);
  const { encrypted } = at;
  let pageCount = at.pageCount;
  const close = () => {
    if (pdfiumAborted(at.api)) return;
    at.api._FPDF_CloseDocument(at.doc);
    at.api.wasmExports.free(at.data);
  };
  if (pageCount <= 0) {
    close();
    throw new DocumentError('PDF_EMPTY', 'the PDF has no pages');
  }
  const withPage = <T>(index: number, fn: (api: PdfiumApi, page: number) => T): T => {
    if (pdfiumAborted(at.api)) throw new InstanceLost();
    const { api, doc } = at;
    return guarded(at, `page ${index + 1}`, () => {
      const page = api._FPDF_LoadPage(doc, index);
      if (!page) throw new DocumentError('BAD_PDF', `page ${index + 1} cannot be read`);
      try {
        return fn(api, page);
      } finally {
        if (!pdfiumAborted(api)) api._FPDF_ClosePage(page);
      }
    });
  };
  let hiddenRefusals = new Map<number, string>();
  let hiddenPages = 0;
  const source: PdfSource = {
    get pageCount() {
      return pageCount;
    },
    get hiddenPages() {
      return hiddenPages;
    },
    encrypted,
    async live(fn) {
      for (;;) {
        // The instance is checked and used in one synchronous stretch: no other document runs in between.
        if (pdfiumAborted(at.api)) at = await openLive(bytes, opts.password);
        try {
          return fn();
        } catch (err) {
          if (!(err instanceof InstanceLost)) throw err;
        }
      }
    },
    frame: (index) => withPage(index, (api, page) => pageFrame(api, page, opts.maxPixels)),
    text: (index, frame) => withPage(index, (api, page) => pageText(api, page, frame)),
    render: (index, frame) =>
      withPage(index, (api, page) => {
        assertPageImagesFit(api, page, opts.maxPixels);
        const hidden = hiddenRefusals.get(index);
        if (hidden) throw new LanternError('IMAGE_TOO_LARGE', hidden);
        return renderPage(api, page, frame);
      }),
    close,
  };
  // The root's /Count is only a claim: pages past those its kids give are nowhere in the file, so they are not counted
  // (rather than failing one by one, with no copy of the pages that are there). Asked only when the last is missing.
  try {
    if (!(await source.live(() => pageExists(at, pageCount - 1)))) {
      const held = await treePageCount(bytes);
      if (
        held !== undefined &&
        held > 0 &&
        held < pageCount &&
        !(await source.live(() => pageExists(at, held)))
      )
        pageCount = held;
    }
    // A /Count the kids outnumber: the pages past it are in the file, and the result must say they were not read.
    if (pageCount === at.pageCount) hiddenPages = await hiddenPageCount(bytes, pageCount);
    hiddenRefusals = await hiddenImageRefusals(bytes, opts.maxPixels);
  } catch (err) {
    close();
    throw err;
  }
  return source;
}

/** Whether PDFium finds page `index` in the tree (without parsing its content, which a bomb may never finish). */
function pageExists(at: Opened, index: number): boolean {
  if (pdfiumAborted(at.api)) throw new InstanceLost();
  const { api, doc } = at;
  return guarded(at, 'the PDF', () =>
    withScratch(api, 8, (p) => api._FPDF_GetPageSizeByIndexF(doc, index, p) !== 0),
  );
}

/**
 * The displayed box PDFium renders: the crop box within the media box, either of them inherited from the page tree
 * (FPDFPage_GetCropBox and FPDFPage_GetMediaBox read only the page's own dictionary), US Letter when none is named.
 */
function visibleBox(api: PdfiumApi, page: number): PdfRect {
  return withScratch(api, 16, (p) => {
    // FS_RECTF: left, top, right, bottom.
    const [l, t, r, b] = api._FPDF_GetPageBoundingBox(page, p)
      ? (readF32(api, p, 4) as [number, number, number, number])
      : [0, 792, 612, 0];
    return { x: Math.min(l, r), y: Math.min(b, t), width: Math.abs(r - l), height: Math.abs(t - b) };
  });
}

/**
 * Pixels per point of the page's dominant image (covering half the page or more), if it has one, also inside form
 * XObjects (a scan that pdf-lib's drawPage, Ghostscript or a scanner's software wraps in one).
 */
function scanScale(api: PdfiumApi, page: number, area: number): number | undefined {
  let best: number | undefined;
  withScratch(api, 8, (p) =>
    forEachImage(api, page, (obj, toPage) => {
      const own = objectMatrix(api, obj);
      if (!own || !toPage) return;
      // The image's unit square on the page: its bounds' width and height, as FPDFPageObj_GetBounds gives at top level.
      const [a, b, c, d] = compose(own, toPage);
      const w = Math.abs(a) + Math.abs(c);
      const h = Math.abs(b) + Math.abs(d);
      if (w * h < area / 2 || !api._FPDFImageObj_GetImagePixelSize(obj, p, p + 4)) return;
      const pw = api.HEAP32[p / 4] ?? 0;
      const ph = api.HEAP32[p / 4 + 1] ?? 0;
      const s = Math.max(pw, ph) / Math.max(w, h);
      if (Number.isFinite(s) && s > 0) best = Math.max(best ?? 0, s);
    }),
  );
  return best;
}

/**
 * Throws IMAGE_TOO_LARGE when the page cannot be OCRed: over the pixel limit even at 72 dpi. Its own text (a
 * born-digital page) needs no rendering, so only OCR asks.
 */
export function assertOcrSize(frame: PageFrame, maxPixels: number): void {
  const { width, height } = frame.box;
  if (Math.sqrt(maxPixels / (width * height)) < MIN_DPI / 72)
    throw new LanternError(
      'IMAGE_TOO_LARGE',
      `the page (${Math.round(width)}×${Math.round(height)} pt) is larger than ${maxPixels} pixels at ${MIN_DPI} dpi`,
    );
}

function pageFrame(api: PdfiumApi, page: number, maxPixels: number): PageFrame {
  const b = visibleBox(api, page);
  const turns = api._FPDFPage_GetRotation(page);
  const rotate = turns >= 0 ? normaliseRotate(turns * 90) : shownRotation(api, page, b);
  const scan = scanScale(api, page, b.width * b.height);
  const wanted = Math.min(scan ?? VECTOR_DPI / 72, MAX_SCAN_DPI / 72);
  const fit = Math.sqrt(maxPixels / (b.width * b.height));
  // Never more pixels than the pipeline reads (WORK_PIXELS): it would read a bigger page from a copy of that size, so a
  // poster-sized page is rendered under 72 dpi rather than at 100 MP.
  const work = Math.sqrt(Math.min(maxPixels, WORK_PIXELS) / (b.width * b.height)) * 0.999;
  const scale = Math.min(Math.max(MIN_DPI / 72, Math.min(wanted, fit * 0.999)), work);
  // A JPEG 2000 image too large to decode whole is drawn small enough to be decoded from a lower resolution level.
  return {
    box: b,
    rotate,
    scale: Math.min(scale, jpxScaleCap(api, page, rotate) ?? scale),
    ...(scan === undefined ? {} : { scanned: true }),
  };
}

/**
 * The quarter turn PDFium shows a page at, from where its box's lower-left corner lands on a device: for a page
 * dictionary without /Type /Page, FPDFPage_GetRotation answers -1 while rendering still applies the page's /Rotate.
 */
function shownRotation(api: PdfiumApi, page: number, box: PdfRect): PageFrame['rotate'] {
  const [dx, dy] = withScratch(api, 8, (p) => {
    api._FPDF_PageToDevice(page, 0, 0, 1000, 1000, 0, box.x, box.y, p, p + 4);
    return [api.HEAP32[p / 4] ?? 0, api.HEAP32[p / 4 + 1] ?? 0];
  });
  // Upright the corner is bottom left; each quarter turn clockwise moves it on round the corners.
  if (dx < 500) return dy < 500 ? 90 : 0;
  return dy < 500 ? 180 : 270;
}

function renderPage(api: PdfiumApi, page: number, frame: PageFrame): RgbImage {
  const { width, height } = pixelSize(frame);
  const bitmap = api._FPDFBitmap_CreateEx(width, height, BITMAP_BGR, 0, 0);
  if (!bitmap) throw new LanternError('IMAGE_TOO_LARGE', `cannot allocate a ${width}×${height} page`);
  try {
    api._FPDFBitmap_FillRect(bitmap, 0, 0, width, height, 0xffffffff);
    api._FPDF_RenderPageBitmap(bitmap, page, 0, 0, width, height, 0, RENDER_FLAGS);
    const stride = api._FPDFBitmap_GetStride(bitmap);
    const buf = api._FPDFBitmap_GetBuffer(bitmap);
    const row = width * 3;
    const out = new Uint8Array(row * height);
    for (let y = 0; y < height; y++)
      out.set(api.HEAPU8.subarray(buf + y * stride, buf + y * stride + row), y * row);
    return { data: out, width, height };
  } finally {
    api._FPDFBitmap_Destroy(bitmap);
  }
}
