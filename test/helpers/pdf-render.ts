/** A PDF page rendered as Lantern renders it (kept apart from pdf-fixtures, which the browser specs import too). */
import { openPdf } from '../../app/documents/pdf-source';
import type { RgbImage } from '../../app/ocr/types';

/** Renders a PDF's first page under a pixel limit (limit tests: the page renders or is refused). */
export async function renderFirstPage(bytes: Uint8Array, maxPixels: number): Promise<RgbImage> {
  const pdf = await openPdf(bytes, { maxPixels });
  try {
    return await pdf.live(() => pdf.render(0, pdf.frame(0)));
  } finally {
    pdf.close();
  }
}
