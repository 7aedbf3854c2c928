/** Multi-page TIFF input: the page count, and each page decoded on its own (bounded memory) as upright RGB. */
import type { Metadata, Sharp } from 'sharp';
import { LanternError } from '../contracts/errors';
import { loadSharp, rgbOf } from '../ocr/decode';
import type { RgbImage } from '../ocr/types';
import { sizeRefusal, workingSize } from '../ocr/working-size';
import { tiffChain } from '../ocr/tiff-chain';
import { tiffCutError, tiffCutShort } from '../ocr/tiff-cut-short';

/** How many pages a TIFF holds, those before a cut when it is cut short (BAD_IMAGE when it cannot be read). */
export async function tiffPageCount(bytes: Uint8Array): Promise<number> {
  const sharp = await loadSharp();
  try {
    return (await sharp(tiffChain(bytes).bytes).metadata()).pages ?? 1;
  } catch (err) {
    throw (
      tiffCutError(tiffChain(bytes).bytes, 0) ??
      new LanternError('BAD_IMAGE', `not a readable TIFF: ${(err as Error).message}`)
    );
  }
}

/**
 * One page of a TIFF (or an image, page 0) as sharp reads it, turned upright, for decoding or re-encoding losslessly,
 * with the header read for the limits (the page as stored); IMAGE_TOO_LARGE when it is over the pixel or side limit
 * (working-size.ts).
 */
export async function imagePage(
  bytes: Uint8Array,
  index: number,
  maxPixels: number,
): Promise<{ readonly image: Sharp; readonly meta: Metadata }> {
  const sharp = await loadSharp();
  // A TIFF cut short is read as the pages before the cut (tiff-chain.ts), the last as far as its pixels go
  // (tiff-cut-short.ts); bytes of another format are as they are.
  const source = tiffChain(bytes).bytes;
  const part = await tiffCutShort(sharp, source, index, maxPixels);
  const page = part
    ? sharp(part, { limitInputPixels: maxPixels, failOn: 'error' })
    : sharp(source, { page: index, limitInputPixels: maxPixels, failOn: 'error' });
  const meta = await page.metadata();
  const refused = sizeRefusal(
    { width: meta.width ?? 0, height: meta.pageHeight ?? meta.height ?? 0 },
    maxPixels,
  );
  if (refused) throw new LanternError('IMAGE_TOO_LARGE', `page ${index + 1}: ${refused}`);
  return { image: page.rotate(), meta };
}

/**
 * Decodes page `index` of a TIFF as RGB (transparency on the backdrop its ink contrasts with: rgbOf), shrunk to the
 * pipeline's working size (WORK_PIXELS) when bigger, as an image's decode is: the pipeline would read it from such a
 * copy anyway.
 */
export async function decodeTiffPage(bytes: Uint8Array, index: number, maxPixels: number): Promise<RgbImage> {
  try {
    const page = await imagePage(bytes, index, maxPixels);
    const meta = page.meta;
    let img = page.image;
    // The header describes the page as stored; rotate() turns it upright first.
    const [w, h] = (meta.orientation ?? 1) >= 5 ? [meta.height, meta.width] : [meta.width, meta.height];
    const work = workingSize({ width: w, height: h });
    if (work.width !== w || work.height !== h) img = img.resize(work.width, work.height, { fit: 'fill' });
    return await rgbOf(img, meta.hasAlpha === true);
  } catch (err) {
    if (err instanceof LanternError) throw err;
    const msg = (err as Error).message;
    if (/pixel limit/i.test(msg))
      throw new LanternError('IMAGE_TOO_LARGE', `page ${index + 1} is larger than ${maxPixels} pixels`);
    throw new LanternError('BAD_IMAGE', `page ${index + 1} is not readable: ${msg}`);
  }
}
