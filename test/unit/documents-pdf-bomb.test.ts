/**
 * A PDF page that makes PDFium run out of its heap (a form XObject that draws itself, so PDFium expands it without
 * end) fails that page alone, with a coded error, and leaves PDFium working for the next page and for the documents
 * read beside it: PDFium aborts on running out of memory, and an aborted instance answers nothing again.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { isReadPage, type DocumentPage } from '../../app/documents/document-types';
import { openPdf } from '../../app/documents/pdf-source';
import { PDFIUM_MAX_HEAP_BYTES } from '../../app/documents/pdfium';
import { recognizeDocument } from '../../app/documents/recognize-document';
import type { OcrResult } from '../../app/ocr/types';
import { classicPdf } from '../helpers/pdf-fixtures';
import { bombPdf, plainPdf } from '../helpers/pdf-bombs';
import { oneLineResult } from '../helpers/one-line-result';

const stream = (dict: string, data: string) =>
  `<< ${dict} /Length ${data.length} >>\nstream\n${data}\nendstream`;

const bomb = bombPdf;
const plain = plainPdf;

const noOcr = () => Promise.reject(new Error('OCR was called'));
const read = (p: DocumentPage | undefined) => (p && isReadPage(p) ? p.text : p);

test('a page that exhausts PDFium fails alone (BAD_PDF); the same document and one read beside it go on', async () => {
  // The plain document renders its page 1, then waits on the engine while the bomb runs.
  let atEngine: () => void = () => {};
  const waiting = new Promise<void>((r) => (atEngine = r));
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  let calls = 0;
  const ocr = async (): Promise<OcrResult> => {
    calls++;
    if (calls === 1) {
      atEngine();
      await held;
    }
    return oneLineResult(100, 100, `page ${calls}`, [0, 0, 50, 20], 'page');
  };
  const beside = recognizeDocument(plain, ocr, { forceOcr: true });
  await waiting;

  const doc = await recognizeDocument(bomb, noOcr);
  const [first, second] = doc.pages;
  assert.ok(first && !isReadPage(first), 'page 1 fails');
  assert.equal(first.error.code, 'BAD_PDF');
  const heap = /^page 1 needs more memory than the PDF reader has \((\d+) MiB\)/.exec(first.error.message);
  assert.ok(heap, first.error.message);
  assert.ok(
    Number(heap[1]) <= PDFIUM_MAX_HEAP_BYTES / 2 ** 20,
    `PDFium's heap stops at its cap: ${heap[1]} MiB`,
  );
  assert.equal(read(second), 'Hello', 'page 2 of the same document is still read');

  release();
  const other = await beside;
  assert.deepEqual(
    other.pages.map((p) => read(p)),
    ['page 1', 'page 2'],
    'the document read beside it is unharmed',
  );
});

test('documents opened while bombs abort one fresh PDFium after another are read', async () => {
  const [a, b, good] = await Promise.all([
    recognizeDocument(bomb, noOcr),
    recognizeDocument(bomb, noOcr),
    recognizeDocument(plain, noOcr),
  ]);
  for (const doc of [a, b])
    assert.equal(doc.pages[0] && !isReadPage(doc.pages[0]) && doc.pages[0].error.code, 'BAD_PDF');
  assert.deepEqual(
    good.pages.map((p) => read(p)),
    ['One', 'Two'],
  );
});

for (const bits of [8, 16])
  test(`the largest page within the limits (100-MP colour image, soft mask of its size, ${bits} bits a channel) renders under PDFium's cap`, async () => {
    const side = 9990;
    const image = (dict: string, channels: number) => {
      const data = deflateSync(new Uint8Array(side * side * channels * (bits / 8)), { level: 1 }).toString(
        'latin1',
      );
      return stream(
        `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /BitsPerComponent ${bits} /Filter /FlateDecode ${dict}`,
        data,
      );
    };
    const big = classicPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /I 5 0 R >> >> /Contents 4 0 R >>',
      stream('', 'q 612 0 0 792 0 0 cm /I Do Q'),
      image('/ColorSpace /DeviceRGB /SMask 6 0 R', 3),
      image('/ColorSpace /DeviceGray', 1),
    ]);
    const pdf = await openPdf(big, { maxPixels: 100_000_000 });
    try {
      const page = await pdf.live(() => pdf.render(0, pdf.frame(0)));
      assert.ok(
        page.width > 3000 && page.height > 4000,
        `rendered at the scan's resolution: ${page.width}×${page.height}`,
      );
    } finally {
      pdf.close();
    }
  });

test("PDFium's own abort lines stay out of the log: the page's BAD_PDF already says it", () => {
  // A fresh process: PDFium binds its output to the console it loads with.
  const script = [
    "import { recognizeDocument } from './app/documents/recognize-document';",
    "import { bombPdf } from './test/helpers/pdf-bombs';",
    'const doc = await recognizeDocument(bombPdf, () => Promise.reject(new Error("no OCR")));',
    'console.log(JSON.stringify(doc.pages.map((p) => ("error" in p ? p.error.code : p.text))));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  assert.equal(run.stdout.trim(), '["BAD_PDF","Hello"]', run.stderr);
  assert.deepEqual(
    `${run.stdout}${run.stderr}`
      .split('\n')
      .filter((l) => /Cannot enlarge memory|Aborted\(|grow.*heap/iu.test(l)),
    [],
  );
});
