import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { isReadPage } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { modelsDir } from '../../app/models/paths';
import { OcrPipeline } from '../../app/ocr/pipeline';
import { fixture } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';
import { tempFolder } from '../helpers/temp-folder';

// A real scan (test/fixtures/SOURCES.md) stamped with a Bates number, as a PDF tool adds to every page of a production.
const dir = tempFolder('lantern-forced-');
let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(() => pipeline.release());

const read = (bytes: Uint8Array, forceOcr = true) =>
  recognizeDocument(
    bytes,
    (p) =>
      p.kind === 'bytes'
        ? pipeline.recognize(p.bytes, { words: true })
        : pipeline.recognizeImage(p.image, { words: true }),
    { forceOcr },
  );
const pdftotext = (bytes: Uint8Array) => {
  const f = path.join(dir, 'copy.pdf');
  writeFileSync(f, bytes);
  return execFileSync('pdftotext', ['-raw', f, '-'], { encoding: 'utf8' });
};
const count = (text: string, word: string) => text.split(word).length - 1;

/** The scan fixture as a PDF with a Bates number stamped on it, and with a second stamp line when `lines` is 2. */
async function stampedScan(lines: 1 | 2 | 3 = 1): Promise<Uint8Array> {
  const scan = readFileSync(img2pdf([fixture('tess_eurotext.png')], path.join(dir, 'scan.pdf')));
  const pdf = await PDFDocument.load(scan);
  const page = pdf.getPage(0);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const stamps = ['ABC000123', 'Scanned by Lantern', 'Received 2026-12-08'].slice(0, lines);
  stamps.forEach((t, i) => page.drawText(t, { x: 150, y: 4 + i * 14, size: 9, font }));
  return pdf.save();
}

test("forced OCR of a stamped scan: its searchable copy holds the scan's words once and the stamp once", async () => {
  const stamped = await stampedScan();
  const doc = await read(stamped);
  const [first] = doc.pages;
  assert.ok(first && isReadPage(first) && first.ownText === true);
  assert.match(first.text, /quick/u);
  const text = pdftotext(await searchablePdf(stamped, doc));
  assert.equal(count(text, 'quick'), 1, text);
  assert.equal(count(text, 'paresseux'), 1, text);
  assert.equal(count(text, 'ABC000123'), 1, text);
});

test('forced OCR of a scan made searchable before: its copy holds each word once, not a layer over the old one', async () => {
  const scan = readFileSync(img2pdf([fixture('tess_eurotext.png')], path.join(dir, 'plain.pdf')));
  const searchable = await searchablePdf(scan, await read(scan));
  const doc = await read(searchable);
  const [first] = doc.pages;
  assert.ok(first && isReadPage(first) && first.ownText === true);
  assert.deepEqual(first.ownLines, [...first.lines.keys()], 'every line lies on the old layer');
  const text = pdftotext(await searchablePdf(searchable, doc));
  assert.equal(count(text, 'quick'), 1, text);
  assert.equal(count(text, 'paresseux'), 1, text);
});

test("a stamped scan is OCRed without --force-ocr: its text is the scan's, its copy holds the scan's words and the stamps once", async () => {
  for (const lines of [1, 2] as const) {
    const stamped = await stampedScan(lines);
    const doc = await read(stamped, false);
    const [first] = doc.pages;
    assert.ok(first && isReadPage(first), JSON.stringify(first));
    assert.equal(first.source, 'ocr');
    assert.equal(first.ownText, true);
    assert.match(first.text, /quick.*brown.*fox/u);
    assert.match(first.text, /paresseux/u);
    const text = pdftotext(await searchablePdf(stamped, doc));
    assert.equal(count(text, 'quick'), 1, text);
    assert.equal(count(text, 'ABC000123'), 1, text);
  }
});

test('a scan whose own text is more than a stamp is read from that text, as a born-digital page is', async () => {
  const page = await read(await stampedScan(3), false);
  assert.equal(page.pages[0] && isReadPage(page.pages[0]) && page.pages[0].source, 'pdf-text');
  // A scan made searchable before (its layer has a line per line of the page) is not read again either.
  const scan = readFileSync(img2pdf([fixture('tess_eurotext.png')], path.join(dir, 'plain.pdf')));
  const searchable = await searchablePdf(scan, await read(scan));
  const again = await read(searchable, false);
  assert.equal(again.pages[0] && isReadPage(again.pages[0]) && again.pages[0].source, 'pdf-text');
});
