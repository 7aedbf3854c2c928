/**
 * A one-page TIFF cut short: one whose directory comes first (as many scanners and Pillow write it) keeps its rows up to
 * the cut, read with IMAGE_TRUNCATED and the rest white (libtiff fails the page whole, or fills the rest black); one
 * whose directory comes after its pixels (as libtiff writes it) has nothing to read, and says the file ends early.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { PDFDocument } from 'pdf-lib';
import type { PageInput } from '../../app/documents/document-types';
import { isReadPage } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { decodeWorking } from '../../app/ocr/decode';
import type { OcrResult, RgbImage } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';
import { oneLineResult } from '../helpers/one-line-result';

/** The fixture page (1757 × 635, dark text on white) as 8-bit grey. */
const greyPage = () =>
  sharp(fixture('two-column-page.png')).greyscale().raw().toBuffer({ resolveWithObject: true });

/** An uncompressed grey TIFF with its directory first, then its strips of `rowsPerStrip` rows. */
async function directoryFirstTiff(rowsPerStrip: number): Promise<Buffer> {
  const { data, info } = await greyPage();
  const { width, height } = info;
  const strips = Math.ceil(height / rowsPerStrip);
  const entries = 9;
  const ifdSize = 2 + entries * 12 + 4;
  const arraysAt = 8 + ifdSize;
  const dataAt = arraysAt + 8 * strips;
  const head = Buffer.alloc(dataAt);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(8, 4);
  head.writeUInt16LE(entries, 8);
  const entry = (i: number, tag: number, type: number, count: number, value: number) => {
    const at = 10 + 12 * i;
    head.writeUInt16LE(tag, at);
    head.writeUInt16LE(type, at + 2);
    head.writeUInt32LE(count, at + 4);
    if (type === 3 && count === 1) head.writeUInt16LE(value, at + 8);
    else head.writeUInt32LE(value, at + 8);
  };
  entry(0, 256, 4, 1, width);
  entry(1, 257, 4, 1, height);
  entry(2, 258, 3, 1, 8);
  entry(3, 259, 3, 1, 1);
  entry(4, 262, 3, 1, 1);
  // One strip's offset and byte count sit in their entries; more are arrays the entries point to.
  entry(5, 273, 4, strips, strips === 1 ? dataAt : arraysAt);
  entry(6, 277, 3, 1, 1);
  entry(7, 278, 4, 1, rowsPerStrip);
  entry(8, 279, 4, strips, strips === 1 ? data.length : arraysAt + 4 * strips);
  for (let s = 0; s < strips; s++) {
    const rows = Math.min(rowsPerStrip, height - s * rowsPerStrip);
    head.writeUInt32LE(dataAt + s * rowsPerStrip * width, arraysAt + 4 * s);
    head.writeUInt32LE(rows * width, arraysAt + 4 * strips + 4 * s);
  }
  return Buffer.concat([head, data]);
}

/** The rows of an RGB image holding dark ink, and those holding black (a fill, not ink: a whole row under 30). */
function rowsOf(image: RgbImage): { ink: number[]; black: number[] } {
  const ink: number[] = [];
  const black: number[] = [];
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3);
    if (row.some((v) => v < 100)) ink.push(y);
    if (row.every((v) => v < 30)) black.push(y);
  }
  return { ink, black };
}

/** A recogniser that names the size of the page it is given. */
async function pageSize(input: PageInput): Promise<OcrResult> {
  assert.equal(input.kind, 'pixels');
  const { width, height } = input.image;
  return oneLineResult(width, height, `${width}x${height}`, [0, 0, width / 2, height / 2]);
}

test('a TIFF with its directory first, cut inside its strips, reads its rows up to the cut, the rest white', async () => {
  for (const rowsPerStrip of [64, 635]) {
    const whole = await directoryFirstTiff(rowsPerStrip);
    // Row 300 of 635 lies in the fifth strip of 64 rows, and inside the one strip of 635.
    const cut = whole.subarray(0, whole.length - 335 * 1757 + 10);
    const decoded = await decodeWorking(cut);
    assert.deepEqual([decoded.image.width, decoded.image.height, decoded.truncated], [1757, 635, true]);
    const { ink, black } = rowsOf(decoded.image);
    assert.ok(ink[0]! < 50 && ink.length > 100, `ink from row ${ink[0]}, ${ink.length} rows`);
    assert.ok(ink.at(-1)! < 300, `ink to row ${ink.at(-1)}`);
    assert.deepEqual(black, []);
    assert.equal((await decodeWorking(whole)).truncated, undefined);

    const doc = await recognizeDocument(cut, pageSize);
    assert.deepEqual(
      doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.message)),
      ['1757x635'],
    );
    assert.deepEqual(
      doc.warnings?.map((w) => w.code),
      ['IMAGE_TRUNCATED'],
    );
    const copy = await PDFDocument.load(await searchablePdf(cut, doc));
    assert.equal(copy.getPageCount(), 1);
  }
});

test('a TIFF cut before its directory, or before its first row, is BAD_IMAGE saying it ends early', async () => {
  // libtiff (and sharp) write the directory after the pixels: cut anywhere, it is not in the file.
  const afterPixels = await sharp(fixture('two-column-page.png')).tiff({ compression: 'lzw' }).toBuffer();
  const first = await directoryFirstTiff(64);
  const endsEarly = (err: { code?: string; message?: string }) => {
    assert.equal(err.code, 'BAD_IMAGE');
    assert.match(err.message ?? '', /TIFF file ends early/);
    return true;
  };
  const noDirectory = afterPixels.subarray(0, afterPixels.length / 2);
  const noRow = first.subarray(0, 400);
  for (const bytes of [noDirectory, noRow]) await assert.rejects(decodeWorking(bytes), endsEarly);
  // As a document: with no directory there is no page to count; with no row, its one page fails.
  await assert.rejects(recognizeDocument(noDirectory, pageSize), endsEarly);
  const doc = await recognizeDocument(noRow, pageSize);
  const [page] = doc.pages;
  assert.ok(page && !isReadPage(page));
  endsEarly(page.error);
});
