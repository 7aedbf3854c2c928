/** A multi-page TIFF written by hand (baseline, uncompressed RGB), since sharp writes only single pages. */
import sharp from 'sharp';

/** One IFD entry: tag, type (3 SHORT, 4 LONG), count, value or offset. */
type Entry = readonly [tag: number, type: 3 | 4, count: number, value: number];

/** A TIFF whose pages are the given image files, in order; page `broken` (0-based) points its strip past the file's end. */
export async function multiPageTiff(files: readonly string[], broken?: number): Promise<Buffer> {
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
    const ifdAt = dataAt + data.length + pad;
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
      [284, 3, 1, 1],
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
    chunks.push(bits, data, Buffer.alloc(pad), ifd);
    offset = ifdAt + ifd.length;
  }
  const out = Buffer.concat(chunks);
  for (const { at, to } of links) out.writeUInt32LE(to, at);
  return out;
}
