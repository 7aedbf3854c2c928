import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, degrees } from 'pdf-lib';
import { isReadPage, type PageInput } from '../../app/documents/document-types';
import { openPdf } from '../../app/documents/pdf-source';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import type { OcrResult } from '../../app/ocr/types';
import { oneLineResult } from '../helpers/one-line-result';
import { classicPdf } from '../helpers/pdf-fixtures';

/** A recogniser that reads `text` as one word in the pixel box [x0, y0, x1, y1] of whatever page it is given. */
function oneWordOcr(text: string, box: readonly number[]) {
  return (input: PageInput): Promise<OcrResult> => {
    assert.equal(input.kind, 'pixels');
    return Promise.resolve(oneLineResult(input.image.width, input.image.height, text, box));
  };
}

/** Where PDFium finds each page's text in the searchable copy: [text, left, top, right, bottom] in the page's pixels. */
async function layerOf(copy: Uint8Array): Promise<([string, number, number, number, number] | undefined)[]> {
  const read = await openPdf(copy, { maxPixels: 1e8 });
  try {
    return Array.from({ length: read.pageCount }, (_, i) => {
      let line;
      try {
        line = read.text(i, read.frame(i))?.lines[0];
      } catch {
        return undefined; // a page PDFium cannot load, in the copy as in the original
      }
      if (!line) return undefined;
      const xs = line.box.map(([x]) => x);
      const ys = line.box.map(([, y]) => y);
      return [line.text, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    });
  } finally {
    read.close();
  }
}

/** Asserts the word lies on the box it was read in (the layer's font reaches a little above and below the ink). */
function onBox(found: [string, number, number, number, number] | undefined, text: string, box: number[]) {
  assert.ok(found, `no text layer for ${text}`);
  const [t, x0, y0, x1, y1] = found;
  assert.equal(t, text);
  const [bx0, by0, bx1, by1] = box as [number, number, number, number];
  const slack = (by1 - by0) / 2;
  assert.ok(
    Math.abs(x0 - bx0) < slack && Math.abs(x1 - bx1) < slack,
    `${text}: x ${x0}–${x1}, read ${bx0}–${bx1}`,
  );
  assert.ok(y0 > by0 - slack && y1 < by1 + slack, `${text}: y ${y0}–${y1}, read ${by0}–${by1}`);
}

test('a page whose boxes name their corners the other way round, or that has no MediaBox, gets its layer on the word', async () => {
  const made = await PDFDocument.create();
  // Any two opposite corners make a rectangle: [urx ury llx lly] and [urx lly llx ury] are the same 400 × 200 box.
  made.addPage([400, 200]).node.set(PDFName.of('MediaBox'), made.context.obj([400, 200, 0, 0]));
  made.addPage([400, 200]).node.set(PDFName.of('MediaBox'), made.context.obj([400, 0, 0, 200]));
  // No MediaBox anywhere up the tree: PDFium and poppler show US Letter.
  made.addPage([400, 200]).node.delete(PDFName.of('MediaBox'));
  const pdf = await made.save();
  const box = [150, 200, 600, 260];
  const doc = await recognizeDocument(pdf, oneWordOcr('Lantern', box));
  assert.deepEqual(
    doc.pages.map((p) => (isReadPage(p) ? `${p.width}×${p.height}` : p.error.code)),
    ['1667×833', '1667×833', '2550×3300'],
  );
  const layer = await layerOf(await searchablePdf(pdf, doc));
  for (const found of layer) onBox(found, 'Lantern', box);
});

test('a page the page tree cannot give does not shift the text layers of the pages after it', async () => {
  const made = await PDFDocument.create();
  for (const width of [300, 400, 500, 600]) made.addPage([width, 200]);
  // Page 1's object is missing (PDFium fails that page alone) and page 3 lacks its /Type (PDFium still reads it).
  made.getPage(2).node.delete(PDFName.of('Type'));
  made.catalog.Pages().Kids().set(0, PDFRef.of(9999));
  const pdf = await made.save({ useObjectStreams: false });
  // Each page reads as a word naming its own pixel width.
  const doc = await recognizeDocument(pdf, (input) => {
    const text = `w${input.kind === 'pixels' ? input.image.width : 0}`;
    return oneWordOcr(text, [100, 100, 400, 160])(input);
  });
  assert.deepEqual(
    doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.code)),
    ['BAD_PDF', 'w1667', 'w2083', 'w2500'],
  );
  const layer = await layerOf(await searchablePdf(pdf, doc));
  assert.deepEqual(
    layer.map((l) => l?.[0]),
    [undefined, 'w1667', 'w2083', 'w2500'],
  );
  for (const found of layer.slice(1)) onBox(found, found?.[0] ?? '', [100, 100, 400, 160]);
});

test('a page dictionary without /Type /Page is framed and rendered as PDFium shows it, turned or not', async () => {
  for (const turn of [0, 90, 180, 270]) {
    const made = await PDFDocument.create();
    // Two identical 600 × 200 pages, each with a black strip at its left edge; the second lacks its /Type.
    for (let i = 0; i < 2; i++) {
      const page = made.addPage([600, 200]);
      page.drawRectangle({ x: 0, y: 0, width: 100, height: 200 });
      page.setRotation(degrees(turn));
    }
    made.getPage(1).node.delete(PDFName.of('Type'));
    const src = await openPdf(await made.save(), { maxPixels: 1e8 });
    try {
      const [typed, untyped] = [src.frame(0), src.frame(1)];
      assert.deepEqual(untyped, typed, `/Rotate ${turn}`);
      const pixels = (i: number) => Buffer.from(src.render(i, typed).data);
      assert.ok(pixels(1).equals(pixels(0)), `/Rotate ${turn}: the pages render alike`);
    } finally {
      src.close();
    }
  }
  // A /Rotate PDFium reads through the page tree counts too.
  const made = await PDFDocument.create();
  made.addPage([600, 200]).node.delete(PDFName.of('Type'));
  made.catalog.Pages().set(PDFName.of('Rotate'), PDFNumber.of(90));
  const src = await openPdf(await made.save(), { maxPixels: 1e8 });
  try {
    assert.equal(src.frame(0).rotate, 90);
  } finally {
    src.close();
  }
});

/** Two pages, page 1 a black square, page 2 `page2`; object 6 ends with `tail`. */
function squarePdf(page2: string, tail = '(end)'): Uint8Array {
  const square = '0 0 0 rg 50 25 100 50 re f';
  return classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [4 0 R 3 0 R] /Count 2 >>',
    page2,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 5 0 R /Resources << /XObject << /Gone 99 0 R >> >> >>',
    `<< /Length ${square.length} >>\nstream\n${square}\nendstream`,
    tail,
  ]);
}

test('a damaged page that would take the objects after it out of the copy fails BAD_PDF instead of blanking a page', async () => {
  // Page 2's object opens a string that only closes in object 6: read in file order, as pdf-lib reads, it swallows
  // page 1's content; read by the xref table, as PDFium and every viewer do, only page 2 is lost.
  const pdf = squarePdf('((broken', '(x)))');
  const doc = await recognizeDocument(pdf, oneWordOcr('Square', [200, 100, 600, 300]));
  assert.deepEqual(
    doc.pages.map((p) => (isReadPage(p) ? p.text : p.error.code)),
    ['Square', 'BAD_PDF'],
  );
  await assert.rejects(searchablePdf(pdf, doc), (err: { code?: string; message?: string }) => {
    assert.equal(err.code, 'BAD_PDF');
    assert.match(err.message ?? '', /damaged/u);
    return true;
  });
  // An object that is nowhere in the file (/Gone) is no damage: viewers read it as null, and so does the copy.
  const sound = squarePdf('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>');
  const copy = await searchablePdf(
    sound,
    await recognizeDocument(sound, oneWordOcr('Square', [200, 100, 600, 300])),
  );
  const read = await openPdf(copy, { maxPixels: 1e8 });
  try {
    const img = read.render(0, read.frame(0));
    assert.ok(img.data[(img.width * (img.height >> 1) + (img.width >> 1)) * 3]! < 128, 'the square is drawn');
  } finally {
    read.close();
  }
});

/** A read of `pages` pages of `kind` with nothing on them (the copy's pages, not its layers, are under test). */
const nothingRead = (kind: 'pdf' | 'image', pages: number) => ({
  kind,
  pages: Array.from({ length: pages }, (_, i) => ({
    page: i + 1,
    width: 100,
    height: 100,
    lines: [],
    text: '',
    source: 'ocr' as const,
  })),
  text: '',
  ms: 0,
});

test('a PDF pdf-lib cannot rewrite (its page tree loops back on itself) fails BAD_PDF, not as an internal error', async () => {
  const loop = classicPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [2 0 R] /Count 1 >>']);
  await assert.rejects(searchablePdf(loop, nothingRead('pdf', 1)), { code: 'BAD_PDF' });
  // A loop PDFium reads around still overflows pdf-lib's stack: the message says what is wrong with the file.
  const kidsLoop = classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [5 0 R 3 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents 4 0 R >>',
    '<< /Length 12 >>\nstream\n0 0 1 1 re f\nendstream',
    '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 5 0 R] /Count 1 >>',
  ]);
  const pdf = await openPdf(kidsLoop, { maxPixels: 1e8 });
  const pages = pdf.pageCount;
  pdf.close();
  await assert.rejects(
    searchablePdf(kidsLoop, nothingRead('pdf', pages)),
    (err: Error & { code?: string }) => {
      assert.equal(err.code, 'BAD_PDF');
      assert.match(err.message, /cannot rewrite the PDF: its page tree or resources contain themselves/);
      assert.doesNotMatch(err.message, /call stack/);
      return true;
    },
  );
});

test('a page pdf-lib cannot parse stays the only page of the copy: no page is added to a tree it reads as empty', async () => {
  // Dictionaries nested deeper than pdf-lib's parser goes: PDFium reads the page, pdf-lib none.
  const deep = `${'<< /A '.repeat(60000)}1${' >>'.repeat(60000)}`;
  const bytes = classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /X ${deep} >>`,
  ]);
  const before = await openPdf(bytes, { maxPixels: 1e8 });
  const pages = before.pageCount;
  before.close();
  assert.equal(
    (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount(),
    0,
    'pdf-lib sees none',
  );
  const copy = await openPdf(await searchablePdf(bytes, nothingRead('pdf', pages)), { maxPixels: 1e8 });
  try {
    assert.equal(copy.pageCount, pages);
  } finally {
    copy.close();
  }
});

test('bytes that are no image, sent as an image to copy, fail BAD_IMAGE', async () => {
  const junk = Buffer.from('this is not an image at all, just some text');
  await assert.rejects(searchablePdf(junk, nothingRead('image', 1)), { code: 'BAD_IMAGE' });
});

test('a read whose page count is not the page tree pdf-lib writes fails BAD_PDF rather than shifting layers', async () => {
  const one = classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>',
  ]);
  await assert.rejects(searchablePdf(one, nothingRead('pdf', 2)), { code: 'BAD_PDF' });
  assert.ok((await searchablePdf(one, nothingRead('pdf', 1))).length > 0);
});

/** Each page's whole text as PDFium reads it from the copy. */
async function textsOf(copy: Uint8Array): Promise<(string | undefined)[]> {
  const read = await openPdf(copy, { maxPixels: 1e8 });
  try {
    return Array.from({ length: read.pageCount }, (_, i) => read.text(i, read.frame(i))?.text);
  } finally {
    read.close();
  }
}

/** A recogniser that reads each page as one word naming its pixel width, in the pixel box [100, 100, 400, 160]. */
const widthWordOcr = (input: PageInput) =>
  oneWordOcr(`w${input.kind === 'pixels' ? input.image.width : 0}`, [100, 100, 400, 160])(input);

test('a page whose content restores more states than it saves, then scales, still gets its layer on the word', async () => {
  const made = await PDFDocument.create();
  // Stray Qs pop any state saved around the page's content, so a scale after them holds for whatever is drawn next.
  const content = made.context.stream('Q Q 0.5 0 0 0.5 0 0 cm 1 0 0 1 40 20 cm 0 0 10 10 re f');
  made.addPage([400, 200]).node.set(PDFName.of('Contents'), made.context.register(content));
  const pdf = await made.save();
  const box = [150, 200, 600, 260];
  const [found] = await layerOf(
    await searchablePdf(pdf, await recognizeDocument(pdf, oneWordOcr('Lantern', box))),
  );
  onBox(found, 'Lantern', box);
});

test('pages that share one /Contents array each get their own layer alone', async () => {
  const made = await PDFDocument.create();
  // Identical pages may share their whole content: one array of streams, one resource dictionary from the tree.
  const shared = made.context.register(made.context.obj([]));
  made.catalog.Pages().set(PDFName.of('Resources'), made.context.obj({}));
  for (const width of [300, 400]) {
    const page = made.addPage([width, 200]).node;
    page.set(PDFName.of('Contents'), shared);
    page.delete(PDFName.of('Resources'));
  }
  const pdf = await made.save();
  const copy = await searchablePdf(pdf, await recognizeDocument(pdf, widthWordOcr));
  assert.deepEqual(await textsOf(copy), ['w1250', 'w1667']);
});

test('pages that share their resources (one object, or inherited from the tree) keep sharing them, with one font entry', async () => {
  const made = await PDFDocument.create();
  const shared = made.context.register(made.context.obj({}));
  made.catalog.Pages().set(PDFName.of('Resources'), made.context.obj({}));
  for (const width of [300, 400, 500, 600]) {
    const page = made.addPage([width, 200]).node;
    if (width < 500) page.set(PDFName.of('Resources'), shared);
    else page.delete(PDFName.of('Resources'));
  }
  const pdf = await made.save();
  const copy = await searchablePdf(pdf, await recognizeDocument(pdf, widthWordOcr));
  assert.deepEqual(await textsOf(copy), ['w1250', 'w1667', 'w2083', 'w2500']);
  // A copy of the shared dictionary in each page, each holding every page's font name, grows with the pages squared.
  const out = await PDFDocument.load(copy, { updateMetadata: false });
  const own = out.getPages().map((p) => p.node.get(PDFName.of('Resources')));
  assert.deepEqual(own, [shared, shared, undefined, undefined]);
  const fontNames = (resources: PDFDict) => resources.lookup(PDFName.of('Font'), PDFDict).keys().length;
  assert.equal(fontNames(out.context.lookup(shared, PDFDict)), 1);
  assert.equal(fontNames(out.catalog.Pages().lookup(PDFName.of('Resources'), PDFDict)), 1);
});

test('a page object the page tree names twice gets one layer, not one for each of its places', async () => {
  const twice = classicPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 3 0 R] /Count 2 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] >>',
  ]);
  // Ten lines: PDFium skips text that repeats text drawn just before it in the same place (fake bold), so a layer of
  // a line or two drawn twice would still read once.
  const words = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  const doc = await recognizeDocument(twice, async (input) => {
    const read = await Promise.all(
      words.map((w, i) => oneWordOcr(w, [150, 20 + i * 80, 600, 70 + i * 80])(input)),
    );
    return { ...read[0]!, lines: read.flatMap((r) => r.lines), text: words.join('\n') };
  });
  assert.equal(doc.pages.length, 2);
  assert.deepEqual(await textsOf(await searchablePdf(twice, doc)), [words.join('\n'), words.join('\n')]);
});

test('a layer whose lines run up or down the page (a /Rotate 90 or 270 scan shown upright) is read by PDFium', async () => {
  for (const rotate of [90, 270]) {
    const made = await PDFDocument.create();
    // Shown turned a quarter, this 200 × 400 page is upright and 400 wide: its lines run along the page's height.
    made.addPage([200, 400]).setRotation(degrees(rotate));
    const pdf = await made.save();
    const box = [150, 200, 600, 260];
    const [found] = await layerOf(
      await searchablePdf(pdf, await recognizeDocument(pdf, oneWordOcr('Lantern', box))),
    );
    onBox(found, 'Lantern', box);
  }
});
