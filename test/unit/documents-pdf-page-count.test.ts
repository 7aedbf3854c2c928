import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { isReadPage, type PageInput } from '../../app/documents/document-types';
import { openPdf } from '../../app/documents/pdf-source';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { oneLineResult } from '../helpers/one-line-result';
import { classicPdf } from '../helpers/pdf-fixtures';
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import { tempFolder } from '../helpers/temp-folder';

/** Each page reads as one word naming its pixel width. */
const widthOcr = (input: PageInput) => {
  assert.equal(input.kind, 'pixels');
  const { width, height } = input.image;
  return Promise.resolve(oneLineResult(width, height, `w${width}`, [100, 100, 400, 160]));
};

/** Two pages (300 and 400 pt wide) whose page tree names `kids` and claims `count` pages. */
function treePdf(count: number, kids = '3 0 R 4 0 R'): Buffer {
  return classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] >>',
  ]);
}

/** The text PDFium finds on each page of `pdf`, or the code of a page it cannot read. */
async function pageTexts(pdf: Uint8Array): Promise<(string | undefined)[]> {
  const read = await openPdf(pdf, { maxPixels: 1e8 });
  try {
    return Array.from({ length: read.pageCount }, (_, i) => {
      try {
        return read.text(i, read.frame(i))?.text;
      } catch (err) {
        return (err as { code?: string }).code;
      }
    });
  } finally {
    read.close();
  }
}

test('a page tree that claims more pages than it holds reads the pages it holds and writes their copy', async (t) => {
  const pdf = treePdf(5);
  const doc = await recognizeDocument(pdf, widthOcr);
  assert.deepEqual(
    doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.code)),
    ['w1250', 'w1667'],
  );
  const copy = await searchablePdf(pdf, doc);
  assert.deepEqual(await pageTexts(copy), ['w1250', 'w1667']);
  // The copy's tree says what it holds, so poppler (which believes /Count) shows no phantom pages either.
  const dir = tempFolder('lantern-count-', t);
  writeFileSync(join(dir, 'copy.pdf'), copy);
  assert.match(execFileSync('pdfinfo', [join(dir, 'copy.pdf')], { encoding: 'utf8' }), /^Pages:\s+2$/mu);
});

test('a kid whose object is missing keeps its place, in the read and in the copy', async () => {
  // Object 9 is nowhere: the second page fails alone, as before, and is not taken for a phantom of /Count.
  const pdf = treePdf(3, '3 0 R 9 0 R 4 0 R');
  const doc = await recognizeDocument(pdf, widthOcr);
  assert.deepEqual(
    doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.code)),
    ['w1250', 'BAD_PDF', 'w1667'],
  );
  // The copy's own objects take numbers the file never refers to: the missing page stays missing, not some stream.
  assert.deepEqual(await pageTexts(await searchablePdf(pdf, doc)), ['w1250', 'BAD_PDF', 'w1667']);
});

test('a page tree that claims fewer pages than it holds reads the pages it claims, and its copy keeps the others as they were', async (t) => {
  // PDFium and poppler show the one page /Count claims; the second kid is in the file, unread, and stays so in the copy.
  const pdf = treePdf(1);
  const doc = await recognizeDocument(pdf, widthOcr);
  assert.deepEqual(
    doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.code)),
    ['w1250'],
  );
  const copy = await searchablePdf(pdf, doc);
  assert.deepEqual(await pageTexts(copy), ['w1250']);
  const dir = tempFolder('lantern-count-', t);
  writeFileSync(join(dir, 'copy.pdf'), copy);
  assert.match(execFileSync('pdfinfo', [join(dir, 'copy.pdf')], { encoding: 'utf8' }), /^Pages:\s+1$/mu);
  const kept = await PDFDocument.load(copy, { updateMetadata: false });
  assert.deepEqual(
    kept.getPages().map((p) => p.getWidth()),
    [300, 400],
    'the page the tree does not claim is still in the copy, unchanged',
  );
});

test('a page tree that hides pages behind its /Count says so in the result: PAGES_HIDDEN', async () => {
  const doc = await recognizeDocument(treePdf(1), widthOcr);
  assert.deepEqual(
    doc.warnings?.map((w) => w.code),
    ['PAGES_HIDDEN'],
  );
  assert.match(doc.warnings?.[0]?.message ?? '', /holds 2 pages.*claims 1/);
  // A tree whose /Count is right, or claims more than it holds, hides nothing.
  for (const count of [2, 5])
    assert.equal((await recognizeDocument(treePdf(count), widthOcr)).warnings, undefined, `/Count ${count}`);
});

test('pages hidden behind /Count are found when the page objects sit in compressed object streams', async () => {
  const made = await PDFDocument.create();
  made.addPage([300, 200]);
  made.addPage([400, 200]);
  made.addPage([500, 200]);
  made.catalog.Pages().set(PDFName.of('Count'), PDFNumber.of(2));
  const pdf = await made.save({ useObjectStreams: true });
  assert.doesNotMatch(Buffer.from(pdf).toString('latin1'), /\/Type\s*\/Page\b/u, 'the pages are compressed');
  const doc = await recognizeDocument(pdf, widthOcr);
  assert.equal(doc.pages.length, 2);
  assert.match(doc.warnings?.[0]?.message ?? '', /holds 3 pages.*claims 2/);
  // The same file whose /Count is right hides nothing.
  made.catalog.Pages().set(PDFName.of('Count'), PDFNumber.of(3));
  const whole = await recognizeDocument(await made.save({ useObjectStreams: true }), widthOcr);
  assert.equal(whole.warnings, undefined);
});
