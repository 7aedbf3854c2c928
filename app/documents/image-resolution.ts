/**
 * An image's resolution across and down, as its file names it. sharp reports one density, the horizontal one, and 72
 * for a JPEG that names none; a fax page (204 × 98 dpi) has pixels twice as tall as wide, and its page would come out
 * half its height.
 */
import { fieldValue, TIFF_TAG, tiffIfd } from '../ocr/tiff-ifd';

/** Resolution assumed for images that do not say theirs (as img2pdf does). */
const DEFAULT_IMAGE_DPI = 96;

/** Dots per inch across (x) and down (y). */
export interface Resolution {
  readonly x: number;
  readonly y: number;
}

/** What sharp's metadata says of an image's resolution. */
export interface DensityInfo {
  readonly format?: string;
  readonly density?: number;
  readonly resolutionUnit?: string;
}

/**
 * The resolution of an image file (of its page `page`, for a TIFF) as stored, before any EXIF or TIFF turn: its own, or
 * DEFAULT_IMAGE_DPI where it names none.
 */
export function imageResolution(bytes: Uint8Array, meta: DensityInfo, page = 0): Resolution {
  const named =
    meta.format === 'png'
      ? pngResolution(bytes)
      : meta.format === 'jpeg'
        ? jfifResolution(bytes)
        : meta.format === 'tiff'
          ? tiffResolution(bytes, page)
          : undefined;
  if (named) return named;
  // sharp gives a JPEG without JFIF or EXIF resolution 72 dpi, with no unit.
  const own = meta.format === 'jpeg' && !meta.resolutionUnit ? undefined : meta.density;
  const dpi = own && own > 0 ? own : DEFAULT_IMAGE_DPI;
  return { x: dpi, y: dpi };
}

/** Dots per inch from densities per `unit`; an aspect (no unit) gives DEFAULT_IMAGE_DPI across, the pixels' shape down. */
function fromUnits(unit: 'inch' | 'metre' | 'cm' | 'aspect', x: number, y: number): Resolution | undefined {
  if (!(x > 0 && y > 0)) return undefined;
  if (unit === 'aspect') return { x: DEFAULT_IMAGE_DPI, y: (DEFAULT_IMAGE_DPI * y) / x };
  // Whole dots per inch, as sharp reports them: a PNG stores 200 dpi as 7874 pixels a metre.
  const perInch = unit === 'inch' ? 1 : unit === 'cm' ? 2.54 : 0.0254;
  return { x: Math.round(x * perInch), y: Math.round(y * perInch) };
}

/** A PNG's pHYs chunk (pixels per metre, or an aspect), looked for before the image data. */
function pngResolution(b: Uint8Array): Resolution | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = 8; at + 8 <= b.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...b.subarray(at + 4, at + 8));
    if (type === 'IDAT' || type === 'IEND') return undefined;
    if (type === 'pHYs' && length >= 9 && at + 17 <= b.length) {
      const [x, y, perMetre] = [view.getUint32(at + 8), view.getUint32(at + 12), b[at + 16] === 1];
      // libvips writes 1 pixel a millimetre for an image without a resolution, and sharp reads that as none.
      if (perMetre && x <= 1000 && y <= 1000) return undefined;
      return fromUnits(perMetre ? 'metre' : 'aspect', x, y);
    }
    at += 12 + length;
  }
  return undefined;
}

/** A JPEG's JFIF APP0 densities (per inch, per cm, or an aspect), looked for among the segments before the scan. */
function jfifResolution(b: Uint8Array): Resolution | undefined {
  for (let at = 2; at + 4 <= b.length && b[at] === 0xff;) {
    const marker = b[at + 1]!;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    // Start of scan: no header segments follow.
    if (marker === 0xda) return undefined;
    const jfif = String.fromCharCode(...b.subarray(at + 4, at + 9)) === 'JFIF\0';
    if (marker === 0xe0 && jfif && length >= 14 && at + 16 <= b.length) {
      const unit = b[at + 11];
      const x = (b[at + 12]! << 8) | b[at + 13]!;
      const y = (b[at + 14]! << 8) | b[at + 15]!;
      if (unit === 0 && x === y) return undefined; // square pixels, no size: as if it named nothing
      return fromUnits(unit === 1 ? 'inch' : unit === 2 ? 'cm' : 'aspect', x, y);
    }
    at += 2 + length;
  }
  return undefined;
}

/** The resolution libvips writes for an image that names none: one pixel a millimetre. */
const UNNAMED_DPI = 25.4 + 1e-6;

/**
 * A TIFF's (or BigTIFF's) XResolution and YResolution of page `page` (its IFD in the chain, as libvips counts pages), per
 * ResolutionUnit; undefined for a damaged chain or a page naming neither.
 */
function tiffResolution(b: Uint8Array, page: number): Resolution | undefined {
  const fields = tiffIfd(b, page);
  if (!fields) return undefined;
  const x = fieldValue(fields, TIFF_TAG.xResolution, NaN)!;
  const y = fieldValue(fields, TIFF_TAG.yResolution, NaN)!;
  // ResolutionUnit 1 says no absolute unit (an aspect), 3 centimetres; inches are the default.
  const unit = fieldValue(fields, TIFF_TAG.resolutionUnit);
  const perInch = unit === 3 ? 2.54 : 1;
  // libvips writes 1 pixel a millimetre for a page naming no resolution, and sharp reads that as none too.
  if (unit !== 1 && x * perInch <= UNNAMED_DPI && y * perInch <= UNNAMED_DPI) return undefined;
  return fromUnits(unit === 1 ? 'aspect' : unit === 3 ? 'cm' : 'inch', x, y);
}
