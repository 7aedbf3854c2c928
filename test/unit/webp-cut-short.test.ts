/**
 * A WebP cut short (a download or copy that stopped): libwebp refuses the whole file, while a lossy one's picture data
 * up to the cut is all there. The part that is there is read, the rest blank, with IMAGE_TRUNCATED, as for a JPEG or a
 * PNG; one cut before its picture, or a lossless one (whose decoder cannot stop part way), stays a clear BAD_IMAGE.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp, { type WebpOptions } from 'sharp';
import { PDFDocument } from 'pdf-lib';
import { decodeWorking } from '../../app/ocr/decode';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { fixture } from '../helpers/fixtures';
import { oneLineResult } from '../helpers/one-line-result';
import type { PageInput } from '../../app/documents/document-types';

/** The fixture page (1757 × 635, dark text on white) as WebP. */
const page = (options: WebpOptions) => sharp(fixture('two-column-page.png')).webp(options).toBuffer();

/** The rows of an RGB image holding dark ink (any channel under 100). */
function inkRows(image: { data: Uint8Array; width: number; height: number }): number[] {
  const rows: number[] = [];
  for (let y = 0; y < image.height; y++) {
    const row = image.data.subarray(y * image.width * 3, (y + 1) * image.width * 3);
    if (row.some((v) => v < 100)) rows.push(y);
  }
  return rows;
}

test('a lossy WebP cut short decodes as far as it goes, the rest blank, marked truncated', async () => {
  const whole = await page({ quality: 80 });
  const decoded = await decodeWorking(whole.subarray(0, Math.floor(whole.length * 0.6)));
  assert.deepEqual([decoded.image.width, decoded.image.height, decoded.truncated], [1757, 635, true]);
  const ink = inkRows(decoded.image);
  // The first lines of text are there; below the cut the page is white, not smeared from the last rows decoded.
  assert.ok(ink.length > 100, `${ink.length} rows with ink`);
  assert.ok(ink[0]! < 50, `ink from row ${ink[0]}`);
  assert.ok(ink.at(-1)! < 500, `ink to row ${ink.at(-1)}`);
  assert.equal((await decodeWorking(whole)).truncated, undefined);
});

test('a lossy WebP cut short gets the IMAGE_TRUNCATED warning and a searchable copy of the part that is there', async () => {
  const whole = await page({ quality: 80 });
  const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
  const recognize = (input: PageInput) => {
    assert.equal(input.kind, 'bytes');
    return decodeWorking(input.bytes).then(({ image, truncated }) => ({
      ...oneLineResult(image.width, image.height, 'read', [0, 0, 100, 20]),
      ...(truncated ? { warnings: [{ code: 'IMAGE_TRUNCATED' as const, message: 'cut' }] } : {}),
    }));
  };
  const doc = await recognizeDocument(cut, recognize);
  assert.deepEqual(
    doc.warnings?.map((w) => w.code),
    ['IMAGE_TRUNCATED'],
  );
  const copy = await PDFDocument.load(await searchablePdf(cut, doc));
  assert.equal(copy.getPageCount(), 1);
});

test('a WebP cut before its picture, or a lossless one cut short, is BAD_IMAGE saying it ends early', async () => {
  const lossy = await page({ quality: 80 });
  const lossless = await page({ lossless: true });
  for (const bytes of [lossy.subarray(0, 20), lossless.subarray(0, Math.floor(lossless.length * 0.6))])
    await assert.rejects(decodeWorking(bytes), (err: { code?: string; message?: string }) => {
      assert.equal(err.code, 'BAD_IMAGE');
      assert.match(err.message ?? '', /WebP file ends early/);
      return true;
    });
});
