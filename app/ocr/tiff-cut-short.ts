/**
 * A TIFF page cut short inside its pixels (a scan still being written, a copy or download that stopped). libtiff fails
 * such a page whole, or fills what is missing black, though the rows before the cut are all there: they are read, and
 * the rest left white, as a viewer leaves what it has not received. A TIFF whose first directory is not in the file
 * (libtiff writes it after the pixels) has nothing to read, and says it ends early rather than that it is no image.
 */
import type SharpModule from 'sharp';
import { LanternError } from '../contracts/errors';
import { fieldValue, TIFF_TAG, tiffIfd } from './tiff-ifd';

/** What the end of a TIFF cuts off of page `page`: its directory, or its pixels from a row on. */
export type TiffCut = { readonly before: 'directory' } | { readonly before: 'row'; readonly row: number };

/** The strip size libtiff splits one uncompressed strip into (STRIP_SIZE_DEFAULT). */
const CHOP_BYTES = 8192;

const EARLY = 'the TIFF file ends early (cut short while it was downloaded or written)';

/** Where the file's end cuts page `page` (0-based), or undefined when the page is whole or the bytes are no TIFF. */
export function tiffCut(b: Uint8Array, page: number): TiffCut | undefined {
  if (b.length < 8 || (b[0] !== 0x49 && b[0] !== 0x4d) || b[1] !== b[0]) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const little = b[0] === 0x49;
  const version = view.getUint16(2, little);
  if (version !== 42 && version !== 43) return undefined;
  const fields = tiffIfd(b, page);
  if (!fields) {
    // Only the first directory is looked for here: a later one off the end is the chain's (tiff-chain.ts).
    if (page !== 0) return undefined;
    const big = version === 43;
    const at = big
      ? b.length >= 16
        ? Number(view.getBigUint64(8, little))
        : Infinity
      : view.getUint32(4, little);
    if (at === 0) return undefined;
    const countSize = big ? 8 : 2;
    if (at + countSize > b.length) return { before: 'directory' };
    const entries = big ? Number(view.getBigUint64(at, little)) : view.getUint16(at, little);
    const end = at + countSize + entries * (big ? 20 : 12);
    // A directory of no entries is damaged, not cut; one whole in the file is libvips' to judge.
    return entries > 0 && end > b.length ? { before: 'directory' } : undefined;
  }
  const offsets = fields.get(TIFF_TAG.stripOffsets)?.values ?? [];
  const counts = fields.get(TIFF_TAG.stripByteCounts)?.values ?? [];
  // Tiles, separate planes, or strips not described are libvips' to judge.
  if (offsets.length === 0 || offsets.length !== counts.length) return undefined;
  if (fieldValue(fields, TIFF_TAG.planarConfiguration, 1) !== 1) return undefined;
  const strip = offsets.findIndex((at, i) => at + counts[i]! > b.length);
  if (strip < 0) return undefined;
  const width = fieldValue(fields, TIFF_TAG.imageWidth, 0)!;
  const height = fieldValue(fields, TIFF_TAG.imageLength, 0)!;
  const perStrip = Math.min(fieldValue(fields, TIFF_TAG.rowsPerStrip, height)!, height);
  let row = strip * perStrip;
  // libtiff reads strips whole, but splits one uncompressed strip into strips of about 8 KiB (its strip chopping):
  // those before the cut are read.
  if (offsets.length === 1 && fieldValue(fields, TIFF_TAG.compression, 1) === 1) {
    const bits =
      fieldValue(fields, TIFF_TAG.bitsPerSample, 1)! * fieldValue(fields, TIFF_TAG.samplesPerPixel, 1)!;
    const rowBytes = Math.ceil((width * bits) / 8);
    const chop = rowBytes > 0 ? Math.max(1, Math.floor(CHOP_BYTES / rowBytes)) : 0;
    if (chop > 0) row = Math.floor(Math.max(0, b.length - offsets[0]!) / rowBytes / chop) * chop;
  }
  return { before: 'row', row: Math.min(row, height) };
}

/** BAD_IMAGE for a cut that leaves nothing of page `page`, or undefined when something of it is there. */
function nothingLeft(cut: TiffCut | undefined, page: number): LanternError | undefined {
  if (cut?.before === 'directory')
    return new LanternError(
      'BAD_IMAGE',
      `${EARLY}, before its first page's directory is whole: nothing of it can be read`,
    );
  if (cut?.before === 'row' && cut.row === 0)
    return new LanternError('BAD_IMAGE', `${EARLY}, before the first row of page ${page + 1}`);
  return undefined;
}

/** BAD_IMAGE for a TIFF whose page `page` the file's end leaves nothing of, or undefined when something is there. */
export function tiffCutError(b: Uint8Array, page: number): LanternError | undefined {
  return nothingLeft(tiffCut(b, page), page);
}

/**
 * For a TIFF whose page `page` the file's end cuts inside its pixels: a PNG of the page's rows before the cut, the
 * rest white (undefined when the page is whole). BAD_IMAGE when nothing of the page is there.
 */
export async function tiffCutShort(
  sharp: typeof SharpModule,
  b: Uint8Array,
  page: number,
  maxPixels: number,
): Promise<Uint8Array | undefined> {
  const cut = tiffCut(b, page);
  const refused = nothingLeft(cut, page);
  if (refused) throw refused;
  if (cut?.before !== 'row') return undefined;
  const { data, info } = await sharp(b, { page, failOn: 'none', limitInputPixels: maxPixels })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch((err: Error) => {
      throw new LanternError(
        'BAD_IMAGE',
        `${EARLY}, and page ${page + 1} cannot be read in part: ${err.message}`,
      );
    });
  const { width, height, channels } = info;
  data.fill(0xff, Math.min(cut.row, height) * width * channels);
  return sharp(data, { raw: { width, height, channels } }).png({ compressionLevel: 1 }).toBuffer();
}
