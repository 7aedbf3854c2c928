/**
 * A BigTIFF (version 43: 8-byte offsets, what scanners and libtiff write for large or many-page scans) is a TIFF
 * document, every page read and copied: taken for a single image, it gave its first page alone, the others lost
 * without a word.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import type { PageInput } from '../../app/documents/document-types';
import { isReadPage } from '../../app/documents/document-types';
import { jpegTiffPage } from '../../app/documents/jpeg-tiff';
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

/** Each image XObject's /Filter in a PDF, as pdf-lib reads it. */
async function imageFilters(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .filter((o): o is PDFRawStream => o instanceof PDFRawStream)
    .filter((s) => s.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'))
    .map((s) => String(s.dict.get(PDFName.of('Filter'))));
}

test("a BigTIFF page's own resolution, across and down, sizes its PDF page as a classic TIFF's does", async () => {
  // A fax page: 204 dpi across, 98 down; taken as square pixels, it came out half its height.
  const fax = { x: [204, 1], y: [98, 1], unit: 2 } as const;
  const big = asBigTiff(await multiPageTiff([fixture('two-column-page.png')], undefined, [fax]));
  const doc = await recognizeDocument(big, pageSize);
  const [page] = (await PDFDocument.load(await searchablePdf(big, doc))).getPages();
  const { width, height } = page!.getSize();
  assert.deepEqual([width, height].map(Math.round), [
    Math.round((1757 * 72) / 204),
    Math.round((635 * 72) / 98),
  ]);
});

test("a BigTIFF's JPEG pages keep their JPEG data in its searchable PDF, as a classic TIFF's do", async () => {
  const classic = await sharp(fixture('sroie_006.jpg')).tiff({ compression: 'jpeg', quality: 85 }).toBuffer();
  const big = asBigTiff(classic);
  const lifted = jpegTiffPage(big, 0);
  assert.ok(lifted, 'the page is lifted as one JPEG stream');
  assert.deepEqual(lifted.jpeg, jpegTiffPage(classic, 0)?.jpeg);
  const doc = await recognizeDocument(big, pageSize);
  assert.deepEqual(await imageFilters(await searchablePdf(big, doc)), ['/DCTDecode']);
});
