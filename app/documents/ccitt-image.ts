/**
 * Black-and-white page images as CCITT Group 4, the code fax machines and document scanners store them in (and
 * ocrmypdf/img2pdf keep): libvips (libtiff) encodes the pixels, this file lifts the one strip out of the TIFF and
 * hands it to the PDF as a `/CCITTFaxDecode` image. Lossless, and a text scan is a fraction of its Flate size.
 */
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { loadSharp } from '../ocr/decode';
import { fieldValue, TIFF_TAG, tiffIfd } from '../ocr/tiff-ifd';

/** The most rows libvips writes as one strip; a taller image stays Flate. */
const MAX_STRIP_ROWS = 32768;
/** TIFF Compression value of CCITT T.6 (Group 4). */
const COMPRESSION_G4 = 4;

/** One Group 4 strip and how its bits read: `blackIs1` as PDF's CCITTFaxDecode parameter names it. */
export interface G4Strip {
  readonly data: Uint8Array;
  readonly blackIs1: boolean;
}

/**
 * Registers a Group 4 image XObject of a black-and-white image (grey bytes, each 0 or 255), or returns undefined
 * when it cannot be encoded as one strip (the caller then writes it Flate-compressed).
 */
export async function embedG4(
  pdf: PDFDocument,
  img: { readonly data: Uint8Array; readonly width: number; readonly height: number },
): Promise<PDFRef | undefined> {
  if (img.height > MAX_STRIP_ROWS) return undefined;
  const sharp = await loadSharp();
  const tiff = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, tileHeight: img.height })
    .toBuffer();
  const strip = g4Strip(new Uint8Array(tiff.buffer, tiff.byteOffset, tiff.length));
  if (!strip) return undefined;
  const stream = pdf.context.stream(strip.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: img.width,
    Height: img.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: 'CCITTFaxDecode',
    DecodeParms: { K: -1, Columns: img.width, Rows: img.height, BlackIs1: strip.blackIs1 },
  });
  return pdf.context.register(stream);
}

/**
 * The Group 4 data of a single-strip, single-page TIFF as PDF can show it, or undefined for anything else (more strips,
 * another compression, uncompressed mode, a reversed bit order): those are not one CCITT stream.
 */
export function g4Strip(tiff: Uint8Array): G4Strip | undefined {
  const tags = tiffIfd(tiff, 0);
  if (!tags) return undefined;
  const offsets = tags.get(TIFF_TAG.stripOffsets)?.values;
  const counts = tags.get(TIFF_TAG.stripByteCounts)?.values;
  if (
    fieldValue(tags, TIFF_TAG.compression) !== COMPRESSION_G4 ||
    offsets?.length !== 1 ||
    counts?.length !== 1
  )
    return undefined;
  // FillOrder 2 (lowest bit first) and T.6 uncompressed mode are TIFF options PDF's filter has no parameter for.
  if (fieldValue(tags, TIFF_TAG.fillOrder, 1) !== 1 || (fieldValue(tags, TIFF_TAG.t6Options, 0)! & 2) !== 0)
    return undefined;
  const photometric = fieldValue(tags, TIFF_TAG.photometric);
  if (photometric !== 0 && photometric !== 1) return undefined;
  const start = offsets[0]!;
  const end = start + counts[0]!;
  if (end > tiff.length || counts[0] === 0) return undefined;
  // The code's "black" runs are the 1 bits of WhiteIsZero data; in BlackIsZero data they show white.
  return { data: tiff.subarray(start, end), blackIs1: photometric === 1 };
}
