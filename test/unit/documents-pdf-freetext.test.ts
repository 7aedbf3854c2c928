/**
 * Text typed onto a PDF as FreeText annotations (how PDF editors add typed text to a form or a letter): a page read
 * from its own text gives the annotations' text too, where they sit, as a viewer shows them; the searchable copy keeps
 * the annotations as they are.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { isReadPage } from '../../app/documents/document-types';
import { recognizeDocument } from '../../app/documents/recognize-document';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { tempFolder } from '../helpers/temp-folder';

/** A page never handed to OCR: each page here carries its own text. */
const noOcr = () => Promise.reject(new Error('the page was OCRed'));

/** One FreeText annotation: its text, where it sits (PDF points, y up), and its flags (4: print). */
interface Note {
  readonly text: string;
  readonly rect: readonly [number, number, number, number];
  readonly flags?: number;
}

/** A printed line: its text and where its baseline starts (PDF points, y up). */
type Printed = readonly [text: string, x: number, y: number];

/** A letter-size page with the printed lines given, and the FreeText annotations given (no appearance: viewers make one). */
async function notedPdf(
  notes: readonly Note[],
  printed: readonly Printed[] = [['Printed body text', 72, 700]],
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  for (const [text, x, y] of printed) page.drawText(text, { x, y, size: 18, font });
  const annots = notes.map((n) =>
    pdf.context.register(
      pdf.context.obj({
        Type: 'Annot',
        Subtype: 'FreeText',
        Rect: [...n.rect],
        // Non-ASCII text comes as UTF-16, as editors write it.
        Contents: /^[\x20-\x7e\n]*$/u.test(n.text) ? PDFString.of(n.text) : PDFHexString.fromText(n.text),
        DA: PDFString.of('/Helv 14 Tf 0 g'),
        F: n.flags ?? 4,
      }),
    ),
  );
  page.node.set(PDFName.of('Annots'), pdf.context.obj(annots));
  return pdf.save();
}

test('a FreeText annotation on a page with its own text is in the page text and lines, at its place', async (t) => {
  const pdf = await notedPdf([
    { text: 'Typed note on the form', rect: [72, 400, 400, 430] },
    { text: 'Zahlung für Juni\nDanke', rect: [72, 200, 300, 250] },
    { text: 'hidden note', rect: [72, 100, 300, 130], flags: 2 },
  ]);
  const doc = await recognizeDocument(pdf, noOcr);
  const page = doc.pages[0]!;
  assert.ok(isReadPage(page));
  assert.equal(page.source, 'pdf-text');
  assert.deepEqual(
    page.lines.map((l) => l.text),
    ['Printed body text', 'Typed note on the form', 'Zahlung für Juni', 'Danke'],
  );
  assert.match(doc.text, /Typed note on the form/);
  assert.doesNotMatch(doc.text, /hidden note/);
  // The page renders at 300 dpi (612 pt = 2550 px): the note's box is its /Rect, y measured down from the top.
  const k = 2550 / 612;
  const [x0, y0] = page.lines[1]!.box[0]!;
  const [x1, y1] = page.lines[1]!.box[2]!;
  for (const [got, want] of [
    [x0, 72 * k],
    [x1, 400 * k],
    [y0, (792 - 430) * k],
    [y1, (792 - 400) * k],
  ] as const)
    assert.ok(Math.abs(got - want) < 2, `${got} ≈ ${want}`);
  // The copy keeps the annotations: poppler shows the note.
  const dir = tempFolder('lantern-freetext-', t);
  writeFileSync(join(dir, 'copy.pdf'), await searchablePdf(pdf, doc));
  assert.match(
    execFileSync('pdftotext', [join(dir, 'copy.pdf'), '-'], { encoding: 'utf8' }),
    /Typed note on the form/,
  );
});

test("notes come where they sit among the page's lines: beside a label, between lines, above and below all", async () => {
  const pdf = await notedPdf(
    [
      { text: 'Approved', rect: [72, 100, 300, 125] },
      { text: '12 High Street\nLeeds', rect: [72, 420, 300, 470] },
      { text: 'Jane Doe', rect: [160, 596, 400, 618] },
      { text: 'DRAFT', rect: [450, 750, 560, 775] },
    ],
    [
      ['Application form', 72, 700],
      ['Name:', 72, 600],
      ['Address:', 72, 520],
      ['Signed', 72, 250],
    ],
  );
  const page = (await recognizeDocument(pdf, noOcr)).pages[0]!;
  assert.ok(isReadPage(page));
  assert.deepEqual(
    page.lines.map((l) => l.text),
    [
      'DRAFT',
      'Application form',
      'Name:',
      'Jane Doe',
      'Address:',
      '12 High Street',
      'Leeds',
      'Signed',
      'Approved',
    ],
  );
});

test("a note in a page's second column follows that column's line above it, not the first column's on its row", async () => {
  const pdf = await notedPdf(
    [{ text: 'see page 4', rect: [330, 610, 520, 630] }],
    [
      ['Left one', 72, 700],
      ['Left two', 72, 660],
      ['Left beside it', 72, 615],
      ['Left three', 72, 560],
      ['Right one', 330, 700],
      ['Right two', 330, 660],
      ['Right three', 330, 560],
    ],
  );
  const page = (await recognizeDocument(pdf, noOcr)).pages[0]!;
  assert.ok(isReadPage(page));
  assert.deepEqual(
    page.lines.map((l) => l.text),
    [
      'Left one',
      'Left two',
      'Left beside it',
      'Left three',
      'Right one',
      'Right two',
      'see page 4',
      'Right three',
    ],
  );
});
