/**
 * A WebP cut short (a download or copy that stopped): libwebp refuses a file whose chunks run past its end, though a
 * lossy picture's data up to the cut is all there. Its image chunk is completed with padding twice, with zeros and with
 * other bytes: the rows both decode alike come from the bytes that are there, and from the first row they differ on the page
 * is left white, as a viewer leaves what it has not received.
 */
import type SharpModule from 'sharp';
import { LanternError } from '../contracts/errors';

/**
 * How much padding a cut WebP gets at most: the decoder needs its chunk to end within the file, not the bytes its header
 * claims, which a crafted file can make enormous; rows past the padding differ both ways and are left white anyway.
 */
const MAX_PAD_BYTES = 4 * 2 ** 20;

/** The WebP's image chunk when it runs past the end of the file, or undefined for a whole file or no WebP. */
function cutChunk(bytes: Uint8Array): { type: string; start: number; end: number } | undefined {
  const text = (at: number, n: number) => String.fromCharCode(...bytes.subarray(at, at + n));
  if (bytes.length < 12 || text(0, 4) !== 'RIFF' || text(8, 4) !== 'WEBP') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 12;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) return { type: '', start: at, end: at + 8 };
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size & 1);
    if (end > bytes.length) return { type: text(at, 4), start: at, end };
    at = end;
  }
  return undefined;
}

/** Paddings tried after zeros, in turn, until one decodes: any that differs from zeros within a byte or two. */
const OTHER_FILLS = [0x10, 0x80, 0x01];

/** `bytes` followed by `fill` up to `end`, the cut chunk's and the RIFF's sizes saying so. */
function padded(bytes: Uint8Array, chunkStart: number, end: number, fill: number): Uint8Array {
  const out = new Uint8Array(end).fill(fill);
  out.set(bytes);
  const view = new DataView(out.buffer);
  view.setUint32(4, end - 8, true);
  view.setUint32(chunkStart + 4, end - chunkStart - 8, true);
  return out;
}

/**
 * For a WebP cut short: a PNG of its picture as far as the bytes that are there give it, the rest white. Undefined
 * when `bytes` are no WebP cut short; BAD_IMAGE when the cut leaves nothing to read (before the picture's data, or a
 * lossless picture, whose decoder cannot stop part way).
 */
export async function webpCutShort(
  sharp: typeof SharpModule,
  bytes: Uint8Array,
  maxPixels: number,
): Promise<Uint8Array | undefined> {
  const cut = cutChunk(bytes);
  if (!cut) return undefined;
  const early = 'the WebP file ends early (cut short while it was downloaded or written)';
  if (cut.type === 'VP8L')
    throw new LanternError('BAD_IMAGE', `${early}, and its lossless picture cannot be read in part`);
  if (cut.type !== 'VP8 ') throw new LanternError('BAD_IMAGE', `${early}, before its picture`);
  const reach = Math.min(cut.end, bytes.length + MAX_PAD_BYTES);
  const end = reach + ((reach - cut.start) & 1); // a chunk's data is even, as RIFF's are

  const decode = (fill: number) =>
    sharp(padded(bytes, cut.start, end, fill), { failOn: 'none', limitInputPixels: maxPixels })
      .raw()
      .toBuffer({ resolveWithObject: true });
  const zeros = await decode(0).catch((err: Error) => {
    throw new LanternError('BAD_IMAGE', `${early}, and its picture cannot be read in part: ${err.message}`);
  });
  const { width, height, channels } = zeros.info;
  const stride = width * channels;
  // libwebp refuses some paddings (coefficients out of range): the first other one it takes tells the rows apart.
  let other: Buffer | undefined;
  for (const fill of OTHER_FILLS) {
    other = await decode(fill).then(
      (r) => r.data,
      // A padding libwebp refuses says nothing of the file: the next one is tried.
      () => undefined,
    );
    if (other) break;
  }
  let rows = other ? 0 : height;
  const sameRow = (y: number) =>
    zeros.data.compare(other!, y * stride, (y + 1) * stride, y * stride, (y + 1) * stride) === 0;
  while (rows < height && sameRow(rows)) rows++;
  if (rows === 0) throw new LanternError('BAD_IMAGE', `${early}, before the first row of its picture`);
  zeros.data.fill(0xff, rows * stride);
  return sharp(zeros.data, { raw: { width, height, channels } }).png({ compressionLevel: 1 }).toBuffer();
}
