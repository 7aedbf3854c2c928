/**
 * An interlaced GIF cut short. Its rows come in four passes (every eighth row, the fourth rows between them, every
 * second row, then the rest), so a cut leaves every other row or more missing, which the decoder leaves clear: a page of
 * text would read as stripes. A viewer shows such a picture while it loads with each missing row taken from the row
 * above it; the part that is there is read that way.
 */
import type SharpModule from 'sharp';
import { walkGif } from './ends-early';

/** The interlace flag of an image descriptor's packed field. */
const INTERLACED = 0x40;

/** The passes of an interlaced picture: first row and step (GIF89a, appendix E). */
const PASSES = [
  [0, 8],
  [4, 8],
  [2, 4],
  [1, 2],
] as const;

/** Rows 0…height-1 of an interlaced picture in the order its data gives them. */
function interlacedOrder(height: number): number[] {
  const rows: number[] = [];
  for (const [start, step] of PASSES) for (let y = start; y < height; y += step) rows.push(y);
  return rows;
}

/**
 * For an interlaced GIF cut short: a PNG of its first picture as a viewer shows it while it loads, each row the data had
 * not reached (and the rest of the row it stopped in) taken from the row above. Undefined for any other file.
 */
export async function gifCutShort(
  sharp: typeof SharpModule,
  bytes: Uint8Array,
  maxPixels: number,
): Promise<Uint8Array | undefined> {
  const walk = walkGif(bytes);
  const at = walk.images[0];
  if (walk.end !== 'cut' || at === undefined || !(bytes[at + 9]! & INTERLACED)) return undefined;
  const u16 = (i: number) => bytes[i]! | (bytes[i + 1]! << 8);
  const { data, info } = await sharp(bytes, { failOn: 'none', limitInputPixels: maxPixels })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  // The picture's own rectangle on the GIF's screen, clipped to what the decoder gave.
  const [left, top] = [u16(at + 1), u16(at + 3)];
  const right = Math.min(info.width, left + u16(at + 5));
  const rows = Math.max(0, Math.min(info.height, top + u16(at + 7)) - top);
  if (right <= left || rows === 0) return undefined;
  const stride = info.width * 4;
  /** The last pixel of row `y` of the picture with any opacity, or -1. */
  const lastHeld = (y: number) => {
    for (let x = right - 1; x >= left; x--) if (data[(top + y) * stride + x * 4 + 3] !== 0) return x;
    return -1;
  };
  const order = interlacedOrder(rows);
  let k = order.length - 1;
  while (k >= 0 && lastHeld(order[k]!) < 0) k--;
  if (k < 0) return undefined;
  const reached = new Map(order.map((y, i) => [y, i < k ? right : i === k ? lastHeld(y) + 1 : left]));
  for (let y = 1; y < rows; y++) {
    const from = reached.get(y)!;
    if (from >= right) continue;
    const row = (top + y) * stride;
    data.copyWithin(row + from * 4, row - stride + from * 4, row - stride + right * 4);
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
