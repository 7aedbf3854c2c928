/**
 * A TIFF's image file directories (classic or BigTIFF) read straight from its bytes, for what libvips does not report: how a page's
 * strips are coded and where they lie, and the resolution exactly as written.
 */

/** One field of a directory: numbers for SHORT, LONG, LONG8 and RATIONAL values; where the bytes lie for BYTE and UNDEFINED. */
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
  rowsPerStrip: 278,
  stripByteCounts: 279,
  xResolution: 282,
  yResolution: 283,
  planarConfiguration: 284,
  t6Options: 293,
  resolutionUnit: 296,
  tileOffsets: 324,
  jpegTables: 347,
} as const;

const TYPE = { byte: 1, short: 3, long: 4, rational: 5, undefined: 7, long8: 16 } as const;

/** Sizes in a classic TIFF (version 42) and a BigTIFF (43): directory count, entry, offset (and a value held inline). */
const LAYOUT = {
  42: { count: 2, entry: 12, offset: 4 },
  43: { count: 8, entry: 20, offset: 8 },
} as const;

/** Bytes of one value of each numeric type read here. */
const SIZE: Readonly<Record<number, number>> = {
  [TYPE.short]: 2,
  [TYPE.long]: 4,
  [TYPE.rational]: 8,
  [TYPE.long8]: 8,
};

/**
 * The fields of page `page` (its IFD in the chain, as libvips counts pages) of a classic TIFF or a BigTIFF, or
 * undefined for a chain that loops or runs off the file, or a directory or value that does.
 */
export function tiffIfd(b: Uint8Array, page: number): ReadonlyMap<number, TiffField> | undefined {
  if (b.length < 8 || (b[0] !== 0x49 && b[0] !== 0x4d) || b[1] !== b[0]) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const little = b[0] === 0x49;
  const u16 = (at: number) => (at >= 0 && at + 2 <= b.length ? view.getUint16(at, little) : NaN);
  const u32 = (at: number) => (at >= 0 && at + 4 <= b.length ? view.getUint32(at, little) : NaN);
  // Offsets past 2^53 lie past any file, as the unsafe number they read as does.
  const u64 = (at: number) => (at >= 0 && at + 8 <= b.length ? Number(view.getBigUint64(at, little)) : NaN);
  const layout = LAYOUT[u16(2) as keyof typeof LAYOUT];
  if (!layout) return undefined;
  // A BigTIFF names its offsets' size (8) and a reserved 0 before its first directory's offset.
  if (layout === LAYOUT[43] && (u16(4) !== 8 || u16(6) !== 0)) return undefined;
  const word = layout.offset === 8 ? u64 : u32;
  const count = layout.count === 8 ? u64 : u16;
  let ifd = word(layout.offset === 8 ? 8 : 4);
  // Each hop must move forward, so a chain that loops or runs off the file ends.
  for (let i = 0; i < page; i++) {
    const next = word(ifd + layout.count + layout.entry * count(ifd));
    if (!(next > ifd)) return undefined;
    ifd = next;
  }
  const entries = count(ifd);
  if (!(entries > 0) || ifd + layout.count + layout.entry * entries > b.length) return undefined;
  const fields = new Map<number, TiffField>();
  for (let e = 0; e < entries; e++) {
    const at = ifd + layout.count + layout.entry * e;
    const [tag, type, n] = [u16(at), u16(at + 2), word(at + 4)];
    const size = SIZE[type] ?? 1;
    // Values that fit the entry's offset field sit in it; longer ones at the offset it holds.
    const valueAt = at + 4 + layout.offset;
    const base = n * size <= layout.offset ? valueAt : word(valueAt);
    if (!(base + n * size <= b.length)) return undefined;
    if (type === TYPE.byte || type === TYPE.undefined) {
      fields.set(tag, { values: [], bytes: { at: base, length: n } });
      continue;
    }
    if (SIZE[type] === undefined) continue;
    const values: number[] = [];
    for (let k = 0; k < n; k++)
      values.push(
        type === TYPE.short
          ? u16(base + 2 * k)
          : type === TYPE.long
            ? u32(base + 4 * k)
            : type === TYPE.long8
              ? u64(base + 8 * k)
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
