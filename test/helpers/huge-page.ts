/** A 10000x10000 PNG (100 megapixels, tens of KB on disk) with a few lines of text: the memory tests' page. */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

/** Side of the huge page in pixels. */
export const HUGE_SIDE = 10_000;

/** The text written on the huge page, line by line. */
export const HUGE_LINES = ['LANTERN MEMORY TEST', 'ONE HUNDRED MEGAPIXELS'] as const;

/** Encodes the page: white, with HUGE_LINES in large black type near the top left. */
export async function hugePage(side = HUGE_SIDE): Promise<Uint8Array> {
  const text = HUGE_LINES.map(
    (l, i) =>
      `<text x="400" y="${700 + i * 500}" font-family="DejaVu Sans, sans-serif" font-size="300">${l}</text>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.min(side, 6000)}" height="${Math.min(side, 1800)}">${text}</svg>`;
  const png = await sharp({
    create: { width: side, height: side, channels: 3, background: '#ffffff' },
  })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png({ compressionLevel: 9 })
    .toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}

/** Resident and peak resident memory of a process (MiB), from /proc (Linux). */
export async function procMemory(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}
