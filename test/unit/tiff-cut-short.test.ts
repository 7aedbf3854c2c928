/**
 * A multi-page TIFF cut short (a scan still being written, a copy or download that stopped) whose directory chain runs
 * off the end of the file: the pages that are whole are read and copied, and the result says the file ends early.
 * libtiff's error on the missing directory failed every page before, the whole pages too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { PageInput } from '../../app/documents/document-types';
import { isReadPage } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { decodeWorking } from '../../app/ocr/decode';
import type { OcrResult } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';
import { oneLineResult } from '../helpers/one-line-result';
import { multiPageTiff } from '../helpers/tiff-fixture';

/** A recogniser that names the size of the page it is given. */
async function pageSize(input: PageInput): Promise<OcrResult> {
  assert.equal(input.kind, 'pixels');
  const { width, height } = input.image;
  return oneLineResult(width, height, `${width}x${height}`, [0, 0, width / 2, height / 2]);
}

/** Where page `n`'s directory (1-based) ends in a little-endian classic TIFF: the next page's data follows. */
function directoryEnd(tiff: Buffer, n: number): number {
  let at = tiff.readUInt32LE(4);
  for (let i = 1; i < n; i++) at = tiff.readUInt32LE(at + 2 + 12 * tiff.readUInt16LE(at));
  return at + 2 + 12 * tiff.readUInt16LE(at) + 4;
}

test('a TIFF cut short after page 2 reads and copies its two whole pages, with an IMAGE_TRUNCATED warning', async () => {
  const whole = await multiPageTiff([
    fixture('plate_000.jpg'),
    fixture('two-column-page.png'),
    fixture('plate_003.jpg'),
  ]);
  const end = directoryEnd(whole, 2);
  // Cut where page 3 begins, and inside page 3's pixels: either way its directory is not in the file.
  for (const cut of [end, end + 100]) {
    const tiff = whole.subarray(0, cut);
    const doc = await recognizeDocument(tiff, pageSize);
    assert.deepEqual(
      doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.message)),
      ['94x24', '1757x635'],
      `cut at ${cut}`,
    );
    assert.deepEqual(
      doc.warnings?.map((w) => w.code),
      ['IMAGE_TRUNCATED'],
    );
    assert.match(doc.warnings?.[0]?.message ?? '', /after page 2/);
    const copy = await PDFDocument.load(await searchablePdf(tiff, doc));
    assert.deepEqual(
      copy.getPages().map((p) => p.getSize().width),
      [94, 1757].map((w) => (w * 72) / 96),
    );
  }
});

test('a TIFF cut short after its first page decodes as an image, marked truncated (one-page TIFFs over HTTP)', async () => {
  const whole = await multiPageTiff([fixture('two-column-page.png'), fixture('plate_000.jpg')]);
  const decoded = await decodeWorking(whole.subarray(0, directoryEnd(whole, 1) + 100));
  assert.deepEqual([decoded.image.width, decoded.image.height, decoded.truncated], [1757, 635, true]);
  assert.equal((await decodeWorking(whole)).truncated, undefined);
});
