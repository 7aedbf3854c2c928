import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import sharp from 'sharp';
import type { PageInput } from '../../app/documents/document-types';
import { openPdf } from '../../app/documents/pdf-source';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import type { OcrResult } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';
import { oneLineResult } from '../helpers/one-line-result';
import { multiPageTiff } from '../helpers/tiff-fixture';

/** A recogniser that reads one word over the middle third of whatever page it is given (its size from the pixels). */
async function middleWord(input: PageInput): Promise<OcrResult> {
  const { width, height } =
    input.kind === 'pixels'
      ? input.image
      : ((await sharp(input.bytes).metadata()) as { width: number; height: number });
  return oneLineResult(width, height, 'Middle', [width / 3, height / 3, (2 * width) / 3, (2 * height) / 3]);
}

/** The copy's page size in points and where PDFium finds its word, as shares of the page's width and height. */
async function copyOf(bytes: Uint8Array) {
  const copy = await searchablePdf(bytes, await recognizeDocument(bytes, middleWord));
  const read = await openPdf(copy, { maxPixels: 1e8 });
  try {
    const frame = read.frame(0);
    const { width, height } = {
      width: frame.box.width * frame.scale,
      height: frame.box.height * frame.scale,
    };
    const box = read.text(0, frame)?.lines[0]?.box;
    assert.ok(box, 'the copy has its word');
    const xs = box.map(([x]) => x / width);
    const ys = box.map(([, y]) => y / height);
    return {
      size: [frame.box.width, frame.box.height].map((v) => Math.round(v * 1000) / 1000),
      word: [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)],
    };
  } finally {
    read.close();
  }
}

/** Asserts the word spans the middle third across and lies within it down (PDFium boxes this font's glyphs flat). */
function inTheMiddle([x0, x1, y0, y1]: number[]) {
  const near = (a: number, b: number) => Math.abs(a - b) < 0.03;
  assert.ok(near(x0!, 1 / 3) && near(x1!, 2 / 3), `across ${x0}–${x1}`);
  assert.ok(y0! > 1 / 3 - 0.03 && y1! < 2 / 3 + 0.03 && y1! > 0.5, `down ${y0}–${y1}`);
}

test('a fax TIFF with taller than wide pixels (200 × 100 dpi) keeps its page shape, the word on its place', async () => {
  // A 1024 × 400 scan at 200 dpi across, 100 down: 368.64 × 288 pt, as img2pdf and every viewer show it.
  const fax = await sharp(fixture('tess_eurotext.png'))
    .resize(1024, 400, { fit: 'fill' })
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 200 / 25.4, yres: 100 / 25.4 })
    .toBuffer();
  const { size, word } = await copyOf(fax);
  assert.deepEqual(size, [368.64, 288]);
  inTheMiddle(word);
});

test('a JPEG or PNG gets its page from its resolution across and down, 96 dpi when it names none', async () => {
  // The fixture's JFIF header says 150 dpi.
  const jpeg = readFileSync(fixture('sroie_006.jpg'));
  const jfif = jpeg.indexOf('JFIF\0');
  /** The JPEG with its JFIF header saying `units` (0 aspect only, 1 per inch, 2 per cm) and densities x, y. */
  const withJfif = (units: number, x: number, y: number) => {
    const b = Buffer.from(jpeg);
    b[jfif + 7] = units;
    b.writeUInt16BE(x, jfif + 8);
    b.writeUInt16BE(y, jfif + 10);
    return b;
  };
  // sroie_006 is 457 × 1170 pixels.
  const cases: [string, Uint8Array, number[]][] = [
    ['200 × 100 dpi', withJfif(1, 200, 100), [164.52, 842.4]],
    ['no unit, twice the pixels down (1:2)', withJfif(0, 1, 2), [342.75, 438.75]],
    ['150 dpi', jpeg, [219.36, 561.6]],
    ['no resolution (aspect 1:1)', withJfif(0, 1, 1), [342.75, 877.5]],
    ['no JFIF', await sharp(jpeg).jpeg().toBuffer(), [342.75, 877.5]],
    [
      'CMYK, no JFIF at all',
      await sharp(fixture('sroie_006.jpg')).toColourspace('cmyk').jpeg().toBuffer(),
      [342.75, 877.5],
    ],
  ];
  const png = await sharp(jpeg).png().toBuffer();
  const phys = png.indexOf('pHYs');
  const pngAt = (x: number, y: number) => {
    const b = Buffer.from(png);
    b.writeUInt32BE(Math.round(x / 0.0254), phys + 4);
    b.writeUInt32BE(Math.round(y / 0.0254), phys + 8);
    b[phys + 12] = 1;
    // The chunk's CRC covers its type and data.
    b.writeInt32BE(crc32(b.subarray(phys, phys + 13)), phys + 13);
    return b;
  };
  cases.push(['PNG 200 × 100 dpi', pngAt(200, 100), [164.52, 842.4]]);
  for (const [name, bytes, size] of cases) {
    const copy = await copyOf(bytes);
    assert.deepEqual(copy.size, size, name);
    inTheMiddle(copy.word);
  }
});

/** CRC-32 as PNG chunks carry it. */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c;
}

test('each page of a multi-page TIFF gets its page size from its own resolution, in inches or centimetres', async () => {
  // Two 1280 × 720 pages: 300 dpi, then 200 × 100 dpi written per centimetre, as some fax software does.
  const tiff = await multiPageTiff(
    [fixture('ic15_test_img_1.jpg'), fixture('ic15_test_img_1.jpg')],
    undefined,
    [
      { x: [300, 1], y: [300, 1], unit: 2 },
      { x: [20000, 254], y: [10000, 254], unit: 3 },
    ],
  );
  const copy = await searchablePdf(tiff, await recognizeDocument(tiff, middleWord));
  const read = await openPdf(copy, { maxPixels: 1e8 });
  try {
    const size = (i: number) =>
      [read.frame(i).box.width, read.frame(i).box.height].map((v) => Math.round(v * 100) / 100);
    assert.equal(read.pageCount, 2);
    assert.deepEqual(size(0), [307.2, 172.8]);
    assert.deepEqual(size(1), [460.8, 518.4]);
  } finally {
    read.close();
  }
});

test('an image longer than a PDF page may be (200 in) is shown at a finer resolution, its word still on its place', async () => {
  // 24,000 px at 96 dpi would be a page 18,000 pt wide; readers cut or refuse a side over 14,400.
  const long = { create: { width: 24_000, height: 300, channels: 3, background: '#fff' } } as const;
  for (const bytes of [await sharp(long).png().toBuffer(), await sharp(long).jpeg().toBuffer()]) {
    const { size, word } = await copyOf(bytes);
    assert.deepEqual(size, [14_400, 180]);
    inTheMiddle(word);
  }
});
