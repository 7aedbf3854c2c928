import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

// A real scan (test/fixtures/SOURCES.md) stamped with a Bates number, as a PDF tool adds to every page of a production.
const dir = mkdtempSync(path.join(tmpdir(), 'lantern-forced-'));
let pipeline: OcrPipeline;
before(async () => {
  pipeline = await OcrPipeline.create(modelsDir(), { provider: 'cpu', threads: 0 });
});
after(async () => {
  await pipeline.release();
  rmSync(dir, { recursive: true, force: true });
});

const read = (bytes: Uint8Array) =>
  recognizeDocument(
    bytes,
    (p) =>
      p.kind === 'bytes'
        ? pipeline.recognize(p.bytes, { words: true })
        : pipeline.recognizeImage(p.image, { words: true }),
    { forceOcr: true },
  );
const pdftotext = (bytes: Uint8Array) => {
  const f = path.join(dir, 'copy.pdf');
  writeFileSync(f, bytes);
  return execFileSync('pdftotext', ['-raw', f, '-'], { encoding: 'utf8' });
};
const count = (text: string, word: string) => text.split(word).length - 1;

test("forced OCR of a stamped scan: its searchable copy holds the scan's words once and the stamp once", async () => {
  const scan = readFileSync(img2pdf([fixture('tess_eurotext.png')], path.join(dir, 'scan.pdf')));
  const pdf = await PDFDocument.load(scan);
  const page = pdf.getPage(0);
  page.drawText('ABC000123', { x: 150, y: 4, size: 9, font: await pdf.embedFont(StandardFonts.Helvetica) });
  const stamped = await pdf.save();
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
