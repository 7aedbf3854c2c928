/**
 * Pages made from images for a searchable PDF: each at the image's own resolution across and down, a JPEG (or a TIFF
 * page's JPEG strips) as its own bytes, anything else decoded once to the pixels written (pixel-image.ts).
 */
import {
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  PDFName,
  PDFNumber,
  type PDFDocument,
} from 'pdf-lib';
import type { Metadata, Sharp } from 'sharp';
import { loadSharp, MAX_PIXELS } from '../ocr/decode';
import { endsEarly } from '../ocr/ends-early';
import { webpCutShort } from '../ocr/webp-cut-short';
import { imageResolution, type Resolution } from './image-resolution';
import { jpegTiffPage, type JpegTiffPage } from './jpeg-tiff';
import { embedPixels } from './pixel-image';
import { imagePage } from './tiff-source';

/** EXIF orientations a page's /Rotate can show without touching the image (others are re-encoded upright). */
const EXIF_ROTATE: Readonly<Record<number, 0 | 90 | 180 | 270>> = { 1: 0, 3: 180, 6: 90, 8: 270 };

/** Adds one page showing an image at its own resolution: a JPEG embedded as it is, other images as their pixels. */
export async function addImagePage(pdf: PDFDocument, given: Uint8Array): Promise<void> {
  const sharp = await loadSharp();
  // A file cut short is shown as far as it goes, as its text was read (decode.ts): a WebP's part as a picture of its own.
  const bytes = (await webpCutShort(sharp, given, MAX_PIXELS)) ?? given;
  const options = endsEarly(bytes) ? ({ failOn: 'none' } as const) : {};
  const meta = await sharp(bytes, options).metadata();
  const dpi = imageResolution(bytes, meta);
  const stored = pointsPerPixel(dpi);
  const turn = EXIF_ROTATE[meta.orientation ?? 1];
  if (meta.format === 'jpeg' && turn !== undefined) {
    const image = await pdf.embedJpg(ownBuffer(bytes));
    const k = withinPageLimit(stored, image.width, image.height);
    const [width, height] = [image.width * k.x, image.height * k.y];
    const page = pdf.addPage([width, height]);
    page.drawImage(image, { x: 0, y: 0, width, height });
    if (turn) page.node.set(PDFName.of('Rotate'), PDFNumber.of(turn));
    return;
  }
  await addPixelsPage(pdf, sharp(bytes, options).rotate(), meta, uprightScale(dpi, meta.orientation));
}

/**
 * `bytes` alone in a buffer of their own (copied, as a Buffer's slice is a view too): pdf-lib reads a JPEG's header from
 * the start of `bytes.buffer`, so a view into a larger buffer (Node pools small Buffers: a little JPEG from stdin or an
 * upload) fails with "SOI not found".
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : new Uint8Array(bytes);
}

/** PDF's largest page side in user units (ISO 32000-1, annex C): readers cut or refuse a larger page. */
const MAX_PAGE_POINTS = 14_400;

/**
 * `k` shrunk alike across and down so that a page of `width` × `height` pixels stays within MAX_PAGE_POINTS: a very
 * long image is shown at a finer resolution, its pixels unchanged.
 */
function withinPageLimit(k: Scale, width: number, height: number): Scale {
  const f = Math.min(1, MAX_PAGE_POINTS / (width * k.x), MAX_PAGE_POINTS / (height * k.y));
  return f < 1 ? { x: k.x * f, y: k.y * f } : k;
}

/** Points per pixel across and down at a resolution. */
function pointsPerPixel(dpi: Resolution): Scale {
  return { x: 72 / dpi.x, y: 72 / dpi.y };
}

/** Points per pixel of an image stored at `dpi` once its orientation tag has turned it upright. */
function uprightScale(dpi: Resolution, orientation = 1): Scale {
  const stored = pointsPerPixel(dpi);
  // Orientations 5 to 8 turn the image a quarter: what ran across runs down.
  return orientation >= 5 ? { x: stored.y, y: stored.x } : stored;
}

/** Points per pixel across (x) and down (y). */
interface Scale {
  readonly x: number;
  readonly y: number;
}

/**
 * Adds one page showing `upright` (an image or a TIFF page, turned upright) decoded once to its pixels, `k` points a
 * pixel: grey as grey, transparency through pdf-lib's PNG soft mask; `meta` is the stored image's.
 */
async function addPixelsPage(pdf: PDFDocument, upright: Sharp, meta: Metadata, scale: Scale): Promise<void> {
  const grey = meta.channels === 1 || meta.space === 'b-w' || meta.space === 'grey16';
  const raw = meta.hasAlpha
    ? undefined
    : await upright
        .toColourspace(grey ? 'b-w' : 'srgb')
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
  if (!raw || (raw.info.channels !== 1 && raw.info.channels !== 3)) {
    // Transparency needs pdf-lib's soft mask.
    const image = await pdf.embedPng(await upright.png().toBuffer());
    const k = withinPageLimit(scale, image.width, image.height);
    const [width, height] = [image.width * k.x, image.height * k.y];
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
    return;
  }
  const { width, height, channels } = raw.info;
  const k = withinPageLimit(scale, width, height);
  const ref = await embedPixels(pdf, { data: raw.data, width, height, channels });
  const page = pdf.addPage([width * k.x, height * k.y]);
  const name = page.node.newXObject('Im', ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width * k.x, 0, 0, height * k.y, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
}

/**
 * Adds page `index` of a TIFF as a page of its own, its JPEG stream as it is where it holds one (`decoded` says the
 * page decoded, so its bytes are sound) and its pixels otherwise; rejects when that page cannot be decoded (nothing is
 * added).
 */
export async function addTiffPage(
  pdf: PDFDocument,
  source: Uint8Array,
  index: number,
  decoded: boolean,
): Promise<void> {
  const { image: img, meta } = await imagePage(source, index, MAX_PIXELS);
  const k = uprightScale(imageResolution(source, meta, index), meta.orientation);
  const jpeg = decoded ? jpegTiffPage(source, index) : undefined;
  if (jpeg) addJpegPage(pdf, jpeg, k);
  else await addPixelsPage(pdf, img, meta, k);
}

/** Adds one page showing a TIFF page's JPEG stream as it is, `k` points a pixel. */
function addJpegPage(pdf: PDFDocument, jpeg: JpegTiffPage, scale: Scale): void {
  const stream = pdf.context.stream(jpeg.jpeg, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: jpeg.width,
    Height: jpeg.height,
    ColorSpace: jpeg.colour === 'grey' ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'DCTDecode',
    // Three components are read as YCbCr unless told otherwise; an RGB page's samples are RGB as stored.
    ...(jpeg.colour === 'rgb' ? { DecodeParms: { ColorTransform: 0 } } : {}),
  });
  const k = withinPageLimit(scale, jpeg.width, jpeg.height);
  const [width, height] = [jpeg.width * k.x, jpeg.height * k.y];
  const page = pdf.addPage([width, height]);
  const name = page.node.newXObject('Im', pdf.context.register(stream));
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width, 0, 0, height, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
}
