/** A searchable copy keeps its input's object streams: written out plainly, a PDF of many small objects grew severalfold. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { classicPdf } from '../helpers/pdf-fixtures';
import { oneLineResult } from '../helpers/one-line-result';

const OBJECT_STREAM = /\/Type\s*\/ObjStm\b/u;
const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** A born-digital document as a TeX or office export makes one: pages of text, each line a link, packed in streams. */
async function linkedPdf(): Promise<Uint8Array> {
  const made = await PDFDocument.create();
  const font = await made.embedFont(StandardFonts.Helvetica);
  for (let n = 0; n < 40; n++) {
    const page = made.addPage([612, 792]);
    const links = made.context.obj([]);
    for (let i = 0; i < 20; i++) {
      const y = 700 - i * 30;
      page.drawText(`Section ${n}.${i}, see page ${i + 1}`, { x: 72, y, size: 12, font });
      const uri = PDFString.of(`https://example.com/${n}/${i}`);
      const rect = [72, y, 300, y + 12];
      links.push(
        made.context.register(
          made.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: rect, A: { S: 'URI', URI: uri } }),
        ),
      );
    }
    page.node.set(PDFName.of('Annots'), links);
  }
  return made.save({ useObjectStreams: true });
}

test('a PDF packed in object streams stays packed in its searchable copy, about its own size', async () => {
  const pdf = await linkedPdf();
  assert.match(latin1(pdf), OBJECT_STREAM);
  const copy = await searchablePdf(
    pdf,
    await recognizeDocument(pdf, () => Promise.reject(new Error('no OCR'))),
  );
  assert.match(latin1(copy), OBJECT_STREAM);
  // Written plainly, its 800 links took the copy to 4.3 times the file's size.
  assert.ok(copy.length < pdf.length * 1.1, `${copy.length} bytes from ${pdf.length}`);
});

test('a PDF without object streams (PDF 1.4, PDF/A-1) gets none in its copy', async () => {
  const pdf = classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] >>',
  ]);
  const doc = await recognizeDocument(pdf, () =>
    Promise.resolve(oneLineResult(1250, 833, 'word', [100, 100, 400, 160])),
  );
  const copy = latin1(await searchablePdf(pdf, doc));
  assert.match(copy, /GlyphLessFont/u);
  assert.doesNotMatch(copy, OBJECT_STREAM);
});
