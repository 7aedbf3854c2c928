/**
 * Page images written as the pixels they are, for image and TIFF pages that are not a JPEG: a black-and-white scan at
 * 1 bit a pixel (Group 4, as a scanner stores it), a grey one at 8, colour as RGB. pdf-lib's PNG embedding makes every
 * image 8-bit RGB, which made a bilevel scan 24 times the pixels and its searchable PDF several times the input.
 */
import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { embedG4 } from './ccitt-image';

/** Decoded pixels of one image, one byte a channel: grey (1) or RGB (3). */
export interface Pixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 3;
}

/** Registers an image XObject of `img`: Group 4 when a grey image is only black and white, else Flate-compressed. */
export async function embedPixels(pdf: PDFDocument, img: Pixels): Promise<PDFRef> {
  const bilevel = img.channels === 1 && img.data.every((v) => v === 0 || v === 255);
  const g4 = bilevel ? await embedG4(pdf, img) : undefined;
  if (g4) return g4;
  const stream = pdf.context.stream(deflateSync(bilevel ? packBits(img) : img.data), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: img.width,
    Height: img.height,
    ColorSpace: img.channels === 1 ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: bilevel ? 1 : 8,
    Filter: 'FlateDecode',
  });
  return pdf.context.register(stream);
}

/** Packs a black-and-white image 8 pixels a byte, each row starting on a byte (white is 1, as DeviceGray reads it). */
function packBits({ data, width, height }: Pixels): Uint8Array {
  const row = Math.ceil(width / 8);
  const out = new Uint8Array(row * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (data[y * width + x]) out[y * row + (x >> 3)]! |= 0x80 >> (x & 7);
  return out;
}
