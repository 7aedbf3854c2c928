/**
 * A BigTIFF (version 43: 8-byte offsets, what scanners and libtiff write for large or many-page scans) is a TIFF
 * document, every page read and copied: taken for a single image, it gave its first page alone, the others lost
 * without a word.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import type { PageInput } from '../../app/documents/document-types';
import { isReadPage } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { sniffKind } from '../../app/contracts/sniff-kind';
import type { OcrResult } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';
import { oneLineResult } from '../helpers/one-line-result';
import { asBigTiff, multiPageTiff } from '../helpers/tiff-fixture';

/** A recogniser that names the size of the page it is given. */
async function pageSize(input: PageInput): Promise<OcrResult> {
  assert.equal(input.kind, 'pixels');
  const { width, height } = input.image;
  return oneLineResult(width, height, `${width}x${height}`, [0, 0, width / 2, height / 2]);
}

test('a BigTIFF of two pages is a TIFF document: both pages read, both in its searchable PDF', async () => {
  const big = asBigTiff(await multiPageTiff([fixture('plate_000.jpg'), fixture('two-column-page.png')]));
  assert.equal(sniffKind(big), 'tiff');
  const doc = await recognizeDocument(big, pageSize);
  assert.equal(doc.kind, 'tiff');
  assert.deepEqual(
    doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.code)),
    ['94x24', '1757x635'],
  );
  const copy = await PDFDocument.load(await searchablePdf(big, doc));
  assert.deepEqual(
    copy.getPages().map((p) => p.getSize().width),
    [94, 1757].map((w) => (w * 72) / 96),
  );
});
