/** A multi-page TIFF written by hand (baseline, uncompressed RGB), since sharp writes only single pages. */
import sharp from 'sharp';

/** One IFD entry: tag, type (3 SHORT, 4 LONG, 5 RATIONAL), count, value or offset. */
type Entry = readonly [tag: number, type: 3 | 4 | 5, count: number, value: number];

/** A page's XResolution and YResolution as rationals [numerator, denominator] per ResolutionUnit (2 inch, 3 cm). */
export interface TiffResolution {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
  readonly unit: 2 | 3;
}

/**
 * A TIFF whose pages are the given image files, in order; page `broken` (0-based) points its strip past the file's end;
 * a page with an entry in `resolutions` names that resolution (the others name none).
 */
export async function multiPageTiff(
  files: readonly string[],
  broken?: number,
  resolutions: readonly (TiffResolution | undefined)[] = [],
): Promise<Buffer> {
  const pages = await Promise.all(
    files.map((f) =>
      sharp(f).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true }),
    ),
  );
  const chunks: Buffer[] = [];
  let offset = 8;
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  chunks.push(header);
  let linkAt = 4; // where the offset of the next IFD goes
  const links: { at: number; to: number }[] = [];
  for (const [n, { data, info }] of pages.entries()) {
    const bits = Buffer.from([8, 0, 8, 0, 8, 0, 0, 0]);
    const bitsAt = offset;
    const dataAt = bitsAt + bits.length;
    const pad = data.length % 2;
    const res = resolutions[n];
    const rationals = Buffer.alloc(res ? 16 : 0);
    if (res) [...res.x, ...res.y].forEach((v, i) => rationals.writeUInt32LE(v, 4 * i));
    const rationalsAt = dataAt + data.length + pad;
    const ifdAt = rationalsAt + rationals.length;
    const entries: Entry[] = [
      [256, 4, 1, info.width],
      [257, 4, 1, info.height],
      [258, 3, 3, bitsAt],
      [259, 3, 1, 1],
      [262, 3, 1, 2],
      [273, 4, 1, n === broken ? 0x7fffff00 : dataAt],
      [277, 3, 1, 3],
      [278, 4, 1, info.height],
      [279, 4, 1, data.length],
      ...(res
        ? ([
            [282, 5, 1, rationalsAt],
            [283, 5, 1, rationalsAt + 8],
          ] as const)
        : []),
      [284, 3, 1, 1],
      ...(res ? ([[296, 3, 1, res.unit]] as const) : []),
    ];
    const ifd = Buffer.alloc(2 + entries.length * 12 + 4);
    ifd.writeUInt16LE(entries.length, 0);
    entries.forEach(([tag, type, count, value], i) => {
      const at = 2 + i * 12;
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(count, at + 4);
      if (type === 3 && count === 1) ifd.writeUInt16LE(value, at + 8);
      else ifd.writeUInt32LE(value, at + 8);
    });
    links.push({ at: linkAt, to: ifdAt });
    linkAt = ifdAt + ifd.length - 4;
    chunks.push(bits, data, Buffer.alloc(pad), rationals, ifd);
    offset = ifdAt + ifd.length;
  }
  const out = Buffer.concat(chunks);
  for (const { at, to } of links) out.writeUInt32LE(to, at);
  return out;
}

/** Bytes of each field type (TIFF 6.0 and BigTIFF's LONG8), for where a field's values lie. */
const TYPE_SIZE: Readonly<Record<number, number>> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 16: 8 };

/**
 * A little-endian classic TIFF with LONG strip offsets rewritten as a BigTIFF (version 43, 8-byte offsets and counts),
 * the same pages, since sharp cannot write the form large scans come in: the data keeps its place past a header 8 bytes
 * longer, and the directories are written again after it.
 */
export function asBigTiff(classic: Buffer): Buffer {
  const shift = 8;
  const data = Buffer.from(classic);
  const ifds: Buffer[] = [];
  let end = data.length + shift;
  for (let at = data.readUInt32LE(4); at !== 0; at = data.readUInt32LE(at + 2 + 12 * data.readUInt16LE(at))) {
    const n = data.readUInt16LE(at);
    const ifd = Buffer.alloc(8 + 20 * n + 8);
    ifd.writeBigUInt64LE(BigInt(n), 0);
    for (let e = 0; e < n; e++) {
      const from = at + 2 + 12 * e;
      const [tag, type, count] = [
        data.readUInt16LE(from),
        data.readUInt16LE(from + 2),
        data.readUInt32LE(from + 4),
      ];
      const size = count * TYPE_SIZE[type]!;
      const values = size <= 4 ? from + 8 : data.readUInt32LE(from + 8);
      // Strip offsets point into the data, which moves with the header.
      if (tag === 273)
        for (let k = 0; k < count; k++)
          data.writeUInt32LE(data.readUInt32LE(values + 4 * k) + shift, values + 4 * k);
      const to = 8 + 20 * e;
      ifd.writeUInt16LE(tag, to);
      ifd.writeUInt16LE(type, to + 2);
      ifd.writeBigUInt64LE(BigInt(count), to + 4);
      // Values of up to 8 bytes sit in a BigTIFF entry; longer ones stay where they were.
      if (size <= 8) data.copy(ifd, to + 12, values, values + size);
      else ifd.writeBigUInt64LE(BigInt(values + shift), to + 12);
    }
    ifds.push(ifd);
    end += ifd.length;
    ifd.writeBigUInt64LE(BigInt(end), 8 + 20 * n);
  }
  ifds.at(-1)?.writeBigUInt64LE(0n, ifds.at(-1)!.length - 8);
  const header = Buffer.alloc(16);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(43, 2);
  header.writeUInt16LE(8, 4);
  header.writeBigUInt64LE(BigInt(data.length + shift), 8);
  return Buffer.concat([header, data.subarray(8), ...ifds]);
}
