/** One page of a document as a PNG for display (the window's page view), at a modest size, one page at a time. */
import { assertNever } from '../contracts/assert-never';
import { LanternError } from '../contracts/errors';
import { encodeRgbPng, MAX_PIXELS } from '../ocr/decode';
import { openPdf } from './pdf-source';
import { pixelSize } from './page-geometry';
import { sniffDocument } from './sniff';
import { imagePage, tiffPageCount } from './tiff-source';

/** The long side of a page preview in pixels: sharp enough to read on screen, small enough to keep many. */
export const PREVIEW_MAX_SIDE = 1600;

/** Renders page `page` (1-based) of a PDF, TIFF or image as a PNG whose long side is at most `maxSide`. */
export async function pagePreview(
  bytes: Uint8Array,
  page: number,
  opts: { readonly password?: string; readonly maxSide?: number } = {},
): Promise<Uint8Array> {
  const maxSide = opts.maxSide ?? PREVIEW_MAX_SIDE;
  const kind = sniffDocument(bytes);
  const outOfRange = (count: number) =>
    new LanternError('BAD_REQUEST', `page ${page} is not in the document (it has ${count})`);
  switch (kind) {
    case 'pdf': {
      const pdf = await openPdf(bytes, { password: opts.password, maxPixels: MAX_PIXELS });
      try {
        if (page < 1 || page > pdf.pageCount) throw outOfRange(pdf.pageCount);
        const img = await pdf.live(() => {
          const frame = pdf.frame(page - 1);
          const { width, height } = pixelSize(frame);
          // Same frame as OCR, scaled down: the boxes (in OCR pixels) still fit the preview's proportions.
          const scale = frame.scale * Math.min(1, maxSide / Math.max(width, height));
          return pdf.render(page - 1, { ...frame, scale });
        });
        return await encodeRgbPng(img, 3);
      } finally {
        pdf.close();
      }
    }
    case 'tiff':
    case 'image': {
      const count = kind === 'tiff' ? await tiffPageCount(bytes) : 1;
      if (page < 1 || page > count) throw outOfRange(count);
      try {
        const { image } = await imagePage(bytes, page - 1, MAX_PIXELS);
        return await image
          .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
          .png({ compressionLevel: 3 })
          .toBuffer();
      } catch (err) {
        if (err instanceof LanternError) throw err;
        throw new LanternError('BAD_IMAGE', `page ${page} cannot be shown: ${(err as Error).message}`);
      }
    }
    default:
      return assertNever(kind);
  }
}
