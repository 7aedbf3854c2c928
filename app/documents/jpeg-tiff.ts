/**
 * TIFF pages stored as JPEG (compression 7, the JPEG technote's), lifted out as the JPEG stream they hold so a
 * searchable PDF shows them as they are (/DCTDecode), as it does a JPEG file, instead of decoded and written Flate.
 */
import { joinJpegStrips } from './jpeg-strips';
import { fieldValue, TIFF_TAG, tiffIfd, type TiffField } from '../ocr/tiff-ifd';

/** A TIFF page as one JPEG stream, its size, and how PDF must read its samples. */
export interface JpegTiffPage {
  readonly jpeg: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly colour: 'grey' | 'ycbcr' | 'rgb';
}

const COMPRESSION_JPEG = 7;
/** Photometric interpretations this path shows as they are: BlackIsZero, RGB, YCbCr. */
const PHOTOMETRIC = { 1: 'grey', 2: 'rgb', 6: 'ycbcr' } as const;

/**
 * Page `page` of a TIFF as one JPEG stream, or undefined for anything PDF could not show from its bytes as they are:
 * another compression, tiles, separate planes, samples other than 8-bit grey or three colour channels, an
 * orientation other than upright, or strips that do not join into the page (jpeg-strips.ts).
 */
export function jpegTiffPage(tiff: Uint8Array, page: number): JpegTiffPage | undefined {
  const tags = tiffIfd(tiff, page);
  if (!tags || fieldValue(tags, TIFF_TAG.compression) !== COMPRESSION_JPEG) return undefined;
  if (tags.has(TIFF_TAG.tileOffsets) || fieldValue(tags, TIFF_TAG.planarConfiguration, 1) !== 1)
    return undefined;
  if (fieldValue(tags, TIFF_TAG.orientation, 1) !== 1) return undefined;
  const photometric = fieldValue(tags, TIFF_TAG.photometric);
  const colour = PHOTOMETRIC[photometric as keyof typeof PHOTOMETRIC] as JpegTiffPage['colour'] | undefined;
  const samples = fieldValue(tags, TIFF_TAG.samplesPerPixel, 1);
  if (!colour || samples !== (colour === 'grey' ? 1 : 3)) return undefined;
  if (tags.get(TIFF_TAG.bitsPerSample)?.values.some((b) => b !== 8) ?? true) return undefined;
  const offsets = tags.get(TIFF_TAG.stripOffsets)?.values ?? [];
  const counts = tags.get(TIFF_TAG.stripByteCounts)?.values ?? [];
  const tables = jpegTables(tiff, tags.get(TIFF_TAG.jpegTables));
  if (offsets.length === 0 || offsets.length !== counts.length || tables === null) return undefined;
  // Strips that share bytes would be copied once each: the copy could outgrow the file many times over.
  if (counts.reduce((n, c) => n + c, 0) > tiff.length) return undefined;
  const strips: Uint8Array[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const data = tiff.subarray(offsets[i]!, offsets[i]! + counts[i]!);
    if (data.length !== counts[i] || data[0] !== 0xff || data[1] !== 0xd8) return undefined;
    strips.push(tables ? joinTables(tables, data) : data);
  }
  const joined = joinJpegStrips(strips);
  const [width, height] = [fieldValue(tags, TIFF_TAG.imageWidth), fieldValue(tags, TIFF_TAG.imageLength)];
  if (!joined || joined.width !== width || joined.height !== height || joined.components !== samples)
    return undefined;
  return { jpeg: joined.jpeg, width: joined.width, height: joined.height, colour };
}

/**
 * The page's shared tables (SOI, DQT/DHT segments, EOI) without their EOI, undefined when it has none, null when the
 * field is not such a stream.
 */
function jpegTables(tiff: Uint8Array, field: TiffField | undefined): Uint8Array | undefined | null {
  if (!field) return undefined;
  if (!field.bytes || field.bytes.length < 4) return null;
  const t = tiff.subarray(field.bytes.at, field.bytes.at + field.bytes.length);
  const n = t.length;
  return t[0] === 0xff && t[1] === 0xd8 && t[n - 2] === 0xff && t[n - 1] === 0xd9
    ? t.subarray(0, n - 2)
    : null;
}

/** A strip's abbreviated stream made whole: the shared tables, then the strip after its SOI. */
function joinTables(tables: Uint8Array, strip: Uint8Array): Uint8Array {
  const whole = new Uint8Array(tables.length + strip.length - 2);
  whole.set(tables);
  whole.set(strip.subarray(2), tables.length);
  return whole;
}
