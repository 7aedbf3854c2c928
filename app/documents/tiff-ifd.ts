/**
 * A classic TIFF's image file directories read straight from its bytes, for what libvips does not report: how a page's
 * strips are coded and where they lie, and the resolution exactly as written.
 */

/** One field of a directory: numbers for SHORT, LONG and RATIONAL values; where the bytes lie for BYTE and UNDEFINED. */
export interface TiffField {
  readonly values: readonly number[];
  /** Offset of the value bytes in the file and their count (BYTE and UNDEFINED fields; empty for others). */
  readonly bytes: { readonly at: number; readonly length: number } | undefined;
}

/** Tags read here (TIFF 6.0 and its JPEG technote). */
export const TIFF_TAG = {
  imageWidth: 256,
  imageLength: 257,
  bitsPerSample: 258,
  compression: 259,
  photometric: 262,
  fillOrder: 266,
  stripOffsets: 273,
  orientation: 274,
  samplesPerPixel: 277,
  stripByteCounts: 279,
  xResolution: 282,
  yResolution: 283,
  planarConfiguration: 284,
  t6Options: 293,
  resolutionUnit: 296,
  tileOffsets: 324,
  jpegTables: 347,
} as const;

const TYPE = { byte: 1, short: 3, long: 4, rational: 5, undefined: 7 } as const;

/**
 * The fields of page `page` (its IFD in the chain, as libvips counts pages), or undefined for a BigTIFF, a chain that
 * loops or runs off the file, or a directory or value that does.
 */
export function tiffIfd(b: Uint8Array, page: number): ReadonlyMap<number, TiffField> | undefined {
  if (b.length < 8 || (b[0] !== 0x49 && b[0] !== 0x4d) || b[1] !== b[0]) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const little = b[0] === 0x49;
  const u16 = (at: number) => (at >= 0 && at + 2 <= b.length ? view.getUint16(at, little) : NaN);
  const u32 = (at: number) => (at >= 0 && at + 4 <= b.length ? view.getUint32(at, little) : NaN);
  if (u16(2) !== 42) return undefined;
  let ifd = u32(4);
  // Each hop must move forward, so a chain that loops or runs off the file ends.
  for (let i = 0; i < page; i++) {
    const next = u32(ifd + 2 + 12 * u16(ifd));
    if (!(next > ifd)) return undefined;
    ifd = next;
  }
  const entries = u16(ifd);
  if (!(entries > 0) || ifd + 2 + 12 * entries > b.length) return undefined;
  const fields = new Map<number, TiffField>();
  for (let e = 0; e < entries; e++) {
    const at = ifd + 2 + 12 * e;
    const [tag, type, count] = [u16(at), u16(at + 2), u32(at + 4)];
    const size = type === TYPE.short ? 2 : type === TYPE.rational ? 8 : type === TYPE.long ? 4 : 1;
    // Values of up to 4 bytes sit in the entry; longer ones at the offset it holds.
    const base = count * size <= 4 ? at + 8 : u32(at + 8);
    if (!(base + count * size <= b.length)) return undefined;
    if (type === TYPE.byte || type === TYPE.undefined) {
      fields.set(tag, { values: [], bytes: { at: base, length: count } });
      continue;
    }
    if (type !== TYPE.short && type !== TYPE.long && type !== TYPE.rational) continue;
    const values: number[] = [];
    for (let k = 0; k < count; k++)
      values.push(
        type === TYPE.short
          ? u16(base + 2 * k)
          : type === TYPE.long
            ? u32(base + 4 * k)
            : u32(base + 8 * k) / u32(base + 8 * k + 4),
      );
    fields.set(tag, { values, bytes: undefined });
  }
  return fields;
}

/** The first value of a numeric field, or `fallback` when the page has none. */
export function fieldValue(
  fields: ReadonlyMap<number, TiffField>,
  tag: number,
  fallback?: number,
): number | undefined {
  return fields.get(tag)?.values[0] ?? fallback;
}
