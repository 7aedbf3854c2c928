/** One line of text rendered as an image, for the word-gap checks (engine tests and test/bench/headings-synth.ts). */
import sharp from 'sharp';

/**
 * A white PNG with `text` in `font` at `size` px and a size of margin around it, as a heading in a screenshot. The font
 * must be installed (fc-list): librsvg falls back to another one silently.
 */
export async function headingImage(text: string, font: string, size: number): Promise<Buffer> {
  const width = Math.round(text.length * size * 0.75 + size * 2);
  const height = Math.round(size * 2.2);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="${size}" y="${size * 1.5}" font-family="${font}" font-size="${size}">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
