import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  PDFDocument,
  PDFName,
  PDFNumber,
  concatTransformationMatrix,
  degrees,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
} from 'pdf-lib';
import { parseDocumentResult } from '../../app/contracts/document-schema';
import { isReadPage } from '../../app/documents/document-types';
import { openPdf } from '../../app/documents/pdf-source';
import { apply, invert, pixelSize, pixelToUser } from '../../app/documents/page-geometry';
import { loadPdfium, withScratch, type PdfiumApi } from '../../app/documents/pdfium';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import type { OcrResult } from '../../app/ocr/types';
import { bornDigitalPdf, classicPdf, emptyPdf, encryptedPdf, skewedLayerPdf } from '../helpers/pdf-fixtures';
import { oneLineResult } from '../helpers/one-line-result';
import { renderFirstPage } from '../helpers/pdf-render';

/** A recogniser that must not be reached: these documents are decided before any page goes to OCR. */
const noOcr = () => Promise.reject(new Error('OCR was called'));

/** A recogniser that reads one line `text` (its first word `word`) in the box [x0, y0, x1, y1] of a w×h page. */
function oneLineOcr(w: number, h: number, text: string, word: string, box: readonly number[]) {
  return (): Promise<OcrResult> => Promise.resolve(oneLineResult(w, h, text, box, word));
}

function copy(api: PdfiumApi, bytes: Uint8Array): number {
  const ptr = api.wasmExports.malloc(bytes.length);
  api.HEAPU8.set(bytes, ptr);
  return ptr;
}

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

test('encrypted, corrupt, truncated, empty and too-long PDFs fail with their codes', async () => {
  const locked = encryptedPdf('s3cret');
  assert.equal(await codeOf(recognizeDocument(locked, noOcr)), 'PDF_ENCRYPTED');
  assert.equal(await codeOf(recognizeDocument(locked, noOcr, { password: 'wrong' })), 'PDF_ENCRYPTED');
  const opened = await openPdf(locked, { password: 's3cret', maxPixels: 1e8 });
  assert.equal(opened.pageCount, 1);
  opened.close();
  assert.equal(
    await codeOf(recognizeDocument(Buffer.from(`%PDF-1.7\n${'garbage '.repeat(64)}`), noOcr)),
    'BAD_PDF',
  );
  const good = await bornDigitalPdf(['Lantern'], { bigPt: 400 });
  assert.equal(await codeOf(recognizeDocument(good.subarray(0, good.length >> 1), noOcr)), 'BAD_PDF');
  assert.equal(await codeOf(recognizeDocument(await emptyPdf(), noOcr)), 'PDF_EMPTY');
  assert.equal(await codeOf(recognizeDocument(good, noOcr, { maxPages: 1 })), 'TOO_MANY_PAGES');
});

test('a born-digital page keeps its own text and boxes without OCR; a page past the pixel limit fails alone', async () => {
  const pdf = await bornDigitalPdf(['Invoice 2026-12', 'Total due 42.00'], { bigPt: 14400 });
  const doc = await recognizeDocument(pdf, noOcr, { maxPixels: 50_000_000 });
  assert.equal(doc.kind, 'pdf');
  const [first, second] = doc.pages;
  assert.ok(first && isReadPage(first) && first.source === 'pdf-text');
  assert.deepEqual(
    first.lines.map((l) => l.text),
    ['Invoice 2026-12', 'Total due 42.00'],
  );
  // 300 dpi on a 612 × 792 pt page; the first line is drawn at x = 72 pt, baseline 700 pt, 18 pt high.
  assert.equal(first.width, 2550);
  const [[x0, y0], , [, y1]] = first.lines[0]!.box;
  assert.ok(Math.abs(x0 - 300) < 10, `left ${x0}`);
  assert.ok(
    y0 > (792 - 700 - 18) * (300 / 72) - 10 && y1 < (792 - 700 + 6) * (300 / 72),
    `top ${y0} bottom ${y1}`,
  );
  assert.ok(second && !isReadPage(second) && second.error.code === 'IMAGE_TOO_LARGE');
  assert.equal(doc.text, 'Invoice 2026-12\nTotal due 42.00\n\f');
  // Forced OCR sends the page to the recogniser instead, and its failure stays on that page.
  const forced = await recognizeDocument(pdf, noOcr, { forceOcr: true, maxPixels: 50_000_000 });
  assert.deepEqual(
    forced.pages.map((p) => (isReadPage(p) ? 'read' : p.error.code)),
    ['INTERNAL', 'IMAGE_TOO_LARGE'],
  );
});

test('a born-digital page past the pixel limit still gives its own text (no rendering needed); forced OCR fails it', async () => {
  const pdf = await bornDigitalPdf(['Cover'], { bigPt: 14400, bigText: 'Poster headline' });
  const doc = await recognizeDocument(pdf, noOcr, { maxPixels: 50_000_000 });
  const big = doc.pages[1];
  assert.ok(big && isReadPage(big) && big.source === 'pdf-text');
  assert.deepEqual(
    big.lines.map((l) => l.text),
    ['Poster headline'],
  );
  // Its boxes are in the frame's pixels, which stay within the pixel limit (under 72 dpi here).
  assert.ok(big.width * big.height <= 50_000_000, `${big.width}×${big.height}`);
  const [[x0, y0], , [x1, y1]] = big.lines[0]!.box;
  assert.ok(x0 >= 0 && x1 <= big.width && y0 >= 0 && y1 <= big.height && x1 > x0 && y1 > y0);
  assert.ok(Math.abs(y0 / big.height - (14400 / 2 - 200) / 14400) < 0.02, `top ${y0 / big.height}`);
  const forced = await recognizeDocument(pdf, noOcr, { forceOcr: true, maxPixels: 50_000_000 });
  const second = forced.pages[1];
  assert.ok(second && !isReadPage(second) && second.error.code === 'IMAGE_TOO_LARGE');
});

test('pixel ↔ user-space mapping matches PDFium for every /Rotate and an offset crop box', async () => {
  const doc = await PDFDocument.create();
  for (const r of [0, 90, 180, 270]) {
    const page = doc.addPage([500, 300]);
    page.setCropBox(20, 30, 400, 250);
    page.setRotation(degrees(r));
  }
  const bytes = await doc.save();
  const src = await openPdf(bytes, { maxPixels: 1e8 });
  const api = await loadPdfium();
  for (let i = 0; i < 4; i++) {
    const frame = src.frame(i);
    const toPixel = invert(pixelToUser(frame));
    const { width, height } = pixelSize(frame);
    const data = copy(api, bytes);
    const fdoc = api._FPDF_LoadMemDocument(data, bytes.length, 0);
    const page = api._FPDF_LoadPage(fdoc, i);
    for (const [ux, uy] of [
      [20, 30],
      [420, 280],
      [100, 200],
    ] as const) {
      const [px, py] = apply(toPixel, ux, uy);
      const [dx, dy] = withScratch(api, 8, (p) => {
        api._FPDF_PageToDevice(page, 0, 0, width, height, 0, ux, uy, p, p + 4);
        return [api.HEAP32[p / 4]!, api.HEAP32[p / 4 + 1]!];
      });
      assert.ok(
        Math.abs(px - dx) <= 1.5 && Math.abs(py - dy) <= 1.5,
        `rotate ${frame.rotate}: ${px},${py} vs ${dx},${dy}`,
      );
    }
    api._FPDF_ClosePage(page);
    api._FPDF_CloseDocument(fdoc);
    api.wasmExports.free(data);
  }
  src.close();
});

test('a page renders as RGB at 300 dpi, white where nothing is drawn', async () => {
  const doc = await PDFDocument.create();
  doc.addPage([72, 72]).drawRectangle({ x: 0, y: 36, width: 36, height: 36, color: rgb(1, 0.5, 0) });
  const src = await openPdf(await doc.save(), { maxPixels: 1e8 });
  const frame = src.frame(0);
  const img = src.render(0, frame);
  src.close();
  assert.deepEqual([img.width, img.height], [300, 300]);
  const at = (x: number, y: number) => [...img.data.subarray((y * 300 + x) * 3, (y * 300 + x) * 3 + 3)];
  assert.deepEqual(at(50, 50), [255, 128, 0]);
  assert.deepEqual(at(250, 250), [255, 255, 255]);
});

test('forced OCR on a page with its own text: the result is the OCR, the searchable copy keeps the own text alone', async () => {
  const pdf = await bornDigitalPdf(['Invoice 2026-12']);
  // Read where the page prints its line (a detector's box, a little larger than the glyphs').
  const ocr = oneLineOcr(100, 100, 'OCRED WORDS', 'OCRED', [11, 9, 34, 12.5]);
  const doc = await recognizeDocument(pdf, ocr, { forceOcr: true });
  const [page] = doc.pages;
  assert.ok(page && isReadPage(page) && page.source === 'ocr' && page.ownText === true);
  assert.deepEqual(page.ownLines, [0]);
  assert.equal(page.text, 'OCRED WORDS');
  const copy = await searchablePdf(pdf, doc);
  const read = await openPdf(copy, { maxPixels: 1e8 });
  try {
    assert.equal(read.text(0, read.frame(0))?.text, 'Invoice 2026-12');
  } finally {
    read.close();
  }
});

test("forced OCR: a line off the page's own text gets a layer, kept by a client's result; an older result adds none", async () => {
  const pdf = await bornDigitalPdf(['Invoice 2026-12']);
  const doc = await recognizeDocument(pdf, oneLineOcr(100, 100, 'Scanned', 'Scanned', [10, 50, 60, 56]), {
    forceOcr: true,
  });
  const [page] = doc.pages;
  assert.ok(page && isReadPage(page) && page.ownText === true);
  assert.deepEqual(page.ownLines, []);
  const ownText = async (copy: Uint8Array) => {
    const read = await openPdf(copy, { maxPixels: 1e8 });
    try {
      return read.text(0, read.frame(0))?.text.split('\n').sort();
    } finally {
      read.close();
    }
  };
  const sent = parseDocumentResult(JSON.parse(JSON.stringify(doc)));
  assert.deepEqual(await ownText(await searchablePdf(pdf, sent)), ['Invoice 2026-12', 'Scanned']);
  const { ownLines: _, ...older } = page;
  assert.deepEqual(await ownText(await searchablePdf(pdf, { ...doc, pages: [older] })), ['Invoice 2026-12']);
  assert.throws(
    () => parseDocumentResult({ ...doc, pages: [{ ...page, ownLines: [1] }] }),
    /ownLines: names a line the page does not have/u,
  );
});

test('an OCR layer on a skewed scan (ocrmypdf, Tesseract) reads line by line, each line its own box', async () => {
  const lines = [
    ['Invoice', 'number', '2026', 'paid', 'in'],
    ['Total', 'due', 'today', 'from', 'Lantern'],
    ['Thank', 'you'],
  ];
  // 1.7° of skew: PDFium's text page runs these lines into one (poppler's pdftotext keeps them apart).
  const doc = await recognizeDocument(await skewedLayerPdf(lines, 0.03), noOcr);
  const [page] = doc.pages;
  assert.ok(page && isReadPage(page) && page.source === 'pdf-text');
  assert.deepEqual(
    page.lines.map((l) => l.text),
    lines.map((words) => words.join(' ')),
  );
  // Each box spans one line: 12.2 pt apart at 300 dpi is 51 px, a 10 pt line about 42 px with its ascent and descent.
  for (const l of page.lines) {
    const ys = l.box.map(([, y]) => y);
    assert.ok(Math.max(...ys) - Math.min(...ys) < 80, `${l.text}: ${Math.min(...ys)}..${Math.max(...ys)}`);
  }
  // A level layer (no skew) was already read line by line, and still is.
  const level = await recognizeDocument(await skewedLayerPdf(lines, 0), noOcr);
  assert.deepEqual(
    level.pages.map((p) => (isReadPage(p) ? p.lines.map((l) => l.text) : [])),
    [lines.map((words) => words.join(' '))],
  );
});

test('a word hyphenated across two lines keeps its hyphen and its two lines, as printed', async () => {
  const doc = await recognizeDocument(await bornDigitalPdf(['Free distri-', 'bution today']), noOcr);
  const [page] = doc.pages;
  assert.ok(page && isReadPage(page) && page.source === 'pdf-text');
  // PDFium joins the two halves and marks the hyphen U+0002, which reached the text as a control character.
  assert.deepEqual(
    page.lines.map((l) => l.text),
    ['Free distri-', 'bution today'],
  );
  assert.equal(doc.text, 'Free distri-\nbution today');
});

test('a page that inherits its media and crop boxes from its parent is framed and rendered by them', async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage([500, 300]);
  page.drawRectangle({ x: 100, y: 100, width: 100, height: 100, color: rgb(0, 0, 0) });
  // As some producers write it: the boxes once on the page tree's root, none on the page itself.
  const parent = page.node.Parent()!;
  parent.set(PDFName.of('MediaBox'), doc.context.obj([0, 0, 500, 300]));
  parent.set(PDFName.of('CropBox'), doc.context.obj([50, 50, 450, 250]));
  page.node.delete(PDFName.of('MediaBox'));
  const src = await openPdf(await doc.save(), { maxPixels: 1e8 });
  try {
    const frame = src.frame(0);
    assert.deepEqual(frame.box, { x: 50, y: 50, width: 400, height: 200 });
    // The 100 pt square stays square (a US Letter frame stretched it) and sits 50 pt in from the crop's corner.
    const img = src.render(0, frame);
    const k = frame.scale;
    const dark = (x: number, y: number) => img.data[(Math.round(y) * img.width + Math.round(x)) * 3]! < 128;
    assert.ok(dark(60 * k, (200 - 60) * k) && dark(140 * k, (200 - 140) * k), 'inside the square');
    assert.ok(!dark(40 * k, (200 - 60) * k) && !dark(60 * k, (200 - 160) * k), 'outside the square');
  } finally {
    src.close();
  }
});

test('the searchable copy of a PDF with object streams passes qpdf --check without warnings', async () => {
  // pdf-lib's own save packs objects into object streams, as most PDFs of the last twenty years are.
  const pdf = await bornDigitalPdf(['Already searchable']);
  const copy = await searchablePdf(pdf, await recognizeDocument(pdf, noOcr));
  const dir = mkdtempSync(join(tmpdir(), 'lantern-qpdf-'));
  try {
    writeFileSync(join(dir, 'copy.pdf'), copy);
    // Exit 3 is "succeeded with warnings": the trailer's /Size counted the object streams the copy no longer has.
    const check = spawnSync('qpdf', ['--check', join(dir, 'copy.pdf')], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a page with a /Rotate off the quarter turns gets its text layer where PDFium shows the page', async () => {
  const made = await PDFDocument.create();
  made.addPage([400, 200]);
  // Not a multiple of 90, which the spec requires: PDFium (and poppler) show this page upright.
  made.getPage(0).node.set(PDFName.of('Rotate'), PDFNumber.of(45));
  const pdf = await made.save();
  const ocr = oneLineOcr(1667, 833, 'Lantern', 'Lantern', [100, 100, 700, 160]);
  const doc = await recognizeDocument(pdf, ocr);
  const [page] = doc.pages;
  assert.ok(
    page && isReadPage(page) && page.width > page.height,
    `${page && isReadPage(page) ? page.width : 0}`,
  );
  const read = await openPdf(await searchablePdf(pdf, doc), { maxPixels: 1e8 });
  try {
    const line = read.text(0, read.frame(0))?.lines[0];
    assert.equal(line?.text, 'Lantern');
    const xs = line.box.map(([x]) => x);
    const ys = line.box.map(([, y]) => y);
    // The word spans the box it was read in (its layer's font reaches a little above and below the ink).
    assert.ok(Math.abs(Math.min(...xs) - 100) < 15 && Math.abs(Math.max(...xs) - 700) < 15, `x ${xs}`);
    assert.ok(Math.min(...ys) > 80 && Math.max(...ys) < 180, `y ${ys}`);
  } finally {
    read.close();
  }
});

/** A one-page PDF drawing a blank grey `side`×`side` image (it compresses to almost nothing), in a form XObject when `inForm`. */
async function hugeImagePdf(side: number, inForm: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const image = pdf.context.register(
    pdf.context.flateStream(new Uint8Array(side * side).fill(255), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: side,
      Height: side,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
    }),
  );
  const drawn = inForm
    ? pdf.context.register(
        pdf.context.flateStream('q 1 0 0 1 0 0 cm /Im0 Do Q', {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [0, 0, 1, 1],
          Resources: { XObject: { Im0: image } },
        }),
      )
    : image;
  const name = page.node.newXObject('X', drawn);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(595, 0, 0, 842, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
  return pdf.save();
}

test('a page drawing an image over the pixel limit fails IMAGE_TOO_LARGE before PDFium decodes it, in a form too', async () => {
  for (const inForm of [false, true]) {
    // 12,000 × 12,000 = 144 MP against the default 100 MP limit: decoding it would take 144 MB for one page.
    const doc = await recognizeDocument(await hugeImagePdf(12000, inForm), noOcr);
    const [page] = doc.pages;
    assert.ok(page && !isReadPage(page), `inForm ${inForm}: the page failed`);
    assert.equal(page.error.code, 'IMAGE_TOO_LARGE');
    assert.match(page.error.message, /an image of 12000×12000 pixels/);
  }
  // Under the limit the same page renders (and goes to OCR).
  const small = await openPdf(await hugeImagePdf(2000, true), { maxPixels: 1e8 });
  try {
    const img = small.render(0, small.frame(0));
    assert.ok(img.width > 0 && img.height > 0);
  } finally {
    small.close();
  }
});

test("an image past the pixel limit in an annotation's appearance fails its page as one in the page's content does", async () => {
  const image = (n: number) =>
    `<< /Type /XObject /Subtype /Image /Width ${n} /Height ${n} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\0\0\0\0\nendstream`;
  const withStamp = (n: number) =>
    classicPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << >> /Contents 4 0 R /Annots [5 0 R] >>',
      '<< /Length 0 >>\nstream\n\nendstream',
      '<< /Type /Annot /Subtype /Stamp /Rect [0 0 200 200] /AP << /N 6 0 R >> >>',
      '<< /Type /XObject /Subtype /Form /BBox [0 0 200 200] /Resources << /XObject << /Im0 7 0 R >> >> /Length 31 >>\nstream\nq 200 0 0 200 0 0 cm /Im0 Do Q\nendstream',
      image(n),
    ]);
  const render = (bytes: Uint8Array) => renderFirstPage(bytes, 1_000_000);
  await assert.rejects(render(withStamp(2000)), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'IMAGE_TOO_LARGE');
    assert.match(err.message, /annotation holds an image of 2000×2000 pixels/);
    return true;
  });
  assert.ok((await render(withStamp(500))).width > 0);
});
