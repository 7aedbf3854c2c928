/**
 * A PNG cut short (a download or copy that stopped). libvips reads it as far as it goes but leaves the rows past the
 * cut as whatever its buffers held: black, and then rows from the top of the picture again, which would be read twice.
 * The rows the file holds are counted from its own data (the image data inflated as far as it goes, one filter byte and
 * one row of samples a row); the rest is left blank, as a viewer leaves what it has not received.
 */
import { constants, createInflate } from 'node:zlib';
import type SharpModule from 'sharp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Samples a pixel by PNG colour type: grey, RGB, palette index, grey + alpha, RGBA. */
const SAMPLES: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The header of a non-interlaced PNG and its image data as far as the file holds it, or undefined. */
function pngData(
  bytes: Uint8Array,
): { width: number; height: number; rowBytes: number; idat: Buffer } | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (
    buf.length < 33 ||
    !buf.subarray(0, 8).equals(PNG_SIGNATURE) ||
    buf.toString('latin1', 12, 16) !== 'IHDR'
  )
    return undefined;
  const [width, height, depth, colour, interlace] = [
    buf.readUInt32BE(16),
    buf.readUInt32BE(20),
    buf[24]!,
    buf[25]!,
    buf[28]!,
  ];
  const samples = SAMPLES[colour];
  // Adam7 spreads each pass over the whole picture: its rows are not counted here.
  if (samples === undefined || interlace !== 0) return undefined;
  const parts: Buffer[] = [];
  for (let at = 8; at + 8 <= buf.length;) {
    const length = buf.readUInt32BE(at);
    if (buf.toString('latin1', at + 4, at + 8) === 'IDAT') parts.push(buf.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { width, height, rowBytes: Math.ceil((width * samples * depth) / 8), idat: Buffer.concat(parts) };
}

/**
 * How many bytes `data` inflates to as far as it goes, at most `max` (the picture's size: data that inflates past it
 * is not followed further), counted as they stream, so a large picture's rows are not held.
 */
function inflatedLength(data: Buffer, max: number): Promise<number> {
  return new Promise((resolve) => {
    const z = createInflate({ finishFlush: constants.Z_SYNC_FLUSH });
    let n = 0;
    z.on('data', (chunk: Buffer) => {
      n += chunk.length;
      if (n < max) return;
      z.destroy();
      resolve(max);
    });
    z.on('end', () => resolve(n));
    // Damaged data past the cut: the rows before it stand.
    z.on('error', () => resolve(n));
    z.end(data);
  });
}

/**
 * For a non-interlaced PNG cut short (ends-early.ts has said so): a PNG of its picture with the rows past those its
 * data holds blank (white, or clear where it has transparency). Undefined for any other file. The rows it holds are
 * cut out and the blank ones added while libvips streams them, so a large picture is never held whole.
 */
export async function pngCutShort(
  sharp: typeof SharpModule,
  bytes: Uint8Array,
  maxPixels: number,
): Promise<Uint8Array | undefined> {
  const png = pngData(bytes);
  if (!png) return undefined;
  const rowLength = png.rowBytes + 1;
  const rows = Math.floor((await inflatedLength(png.idat, rowLength * png.height)) / rowLength);
  const options = { failOn: 'none', limitInputPixels: maxPixels, sequentialRead: true } as const;
  const { orientation, hasAlpha } = await sharp(bytes, options).metadata();
  const { width, height } = png;
  // With an alpha channel the rest is clear (the backdrop then goes under it); without one, white.
  const background = { r: 255, g: 255, b: 255, alpha: hasAlpha ? 0 : 1 };
  const held =
    rows > 0
      ? sharp(bytes, options)
          .extract({ left: 0, top: 0, width, height: rows })
          .extend({ bottom: height - rows, background })
      : sharp({ create: { width, height, channels: hasAlpha ? 4 : 3, background } });
  // The picture is read upright as the file says (an eXIf chunk's orientation), as it would be whole.
  return (orientation ? held.withMetadata({ orientation }) : held).png({ compressionLevel: 1 }).toBuffer();
}
