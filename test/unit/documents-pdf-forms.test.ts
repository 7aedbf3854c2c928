import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  PDFDocument,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFRef,
} from 'pdf-lib';
import { openPdf } from '../../app/documents/pdf-source';
import { pixelSize, type Affine } from '../../app/documents/page-geometry';

const LETTER = [612, 792] as const;
const IDENTITY: Affine = [1, 0, 0, 1, 0, 0];

/** A blank grey `w`×`h` image XObject: it compresses to almost nothing, and the frame needs only its size. */
function greyImage(pdf: PDFDocument, w: number, h: number): PDFRef {
  return pdf.context.register(
    pdf.context.flateStream(new Uint8Array(w * h).fill(128), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: w,
      Height: h,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
    }),
  );
}

/** A form XObject that draws `child` by `cm`, with `matrix` as its /Matrix (its space within the one drawing it). */
function form(pdf: PDFDocument, child: PDFRef, cm: Affine, matrix: Affine = IDENTITY): PDFRef {
  return pdf.context.register(
    pdf.context.flateStream(`q ${cm.join(' ')} cm /X Do Q`, {
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [-10000, -10000, 10000, 10000],
      Matrix: [...matrix],
      Resources: { XObject: { X: child } },
    }),
  );
}

/** A one-page PDF of `size` points drawing each XObject that `draw` makes by its cm. */
async function pagePdf(
  size: readonly [number, number],
  draw: (pdf: PDFDocument) => readonly (readonly [PDFRef, Affine])[],
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([...size]);
  for (const [ref, cm] of draw(pdf))
    page.pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(...cm),
      drawObject(page.node.newXObject('X', ref)),
      popGraphicsState(),
    );
  return pdf.save();
}

/** The pixel size page 1 is framed at for OCR, and rendered at when `render`. */
async function ocrSize(bytes: Uint8Array, render = false): Promise<[number, number]> {
  const src = await openPdf(bytes, { maxPixels: 1e8 });
  try {
    const frame = src.frame(0);
    const { width, height } = render ? src.render(0, frame) : pixelSize(frame);
    return [width, height];
  } finally {
    src.close();
  }
}

/** The page of `bytes` drawn whole inside a form XObject, as pdf-lib's embedPdf and drawPage (or a PDF merger) do. */
async function embedded(bytes: Uint8Array, size: readonly [number, number]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const [page] = await pdf.embedPdf(bytes);
  assert.ok(page);
  pdf.addPage([...size]).drawPage(page);
  return pdf.save();
}

test('a scan inside a form XObject (pdf-lib drawPage) is framed and rendered at its own resolution, as drawn directly', async () => {
  // 1700 × 2200 pixels over a Letter page: 200 dpi, read as it is rather than upsampled to 300.
  const direct = await pagePdf(LETTER, (pdf) => [[greyImage(pdf, 1700, 2200), [612, 0, 0, 792, 0, 0]]]);
  assert.deepEqual(await ocrSize(direct, true), [1700, 2200]);
  assert.deepEqual(await ocrSize(await embedded(direct, LETTER), true), [1700, 2200]);
  // A 600-dpi scan of a half-Letter page (2550 × 3300 pixels) is read at the 400-dpi cap, in a form as directly.
  const fine = await pagePdf([306, 396], (pdf) => [[greyImage(pdf, 2550, 3300), [306, 0, 0, 396, 0, 0]]]);
  assert.deepEqual(await ocrSize(fine), [1700, 2200]);
  assert.deepEqual(await ocrSize(await embedded(fine, [306, 396])), [1700, 2200]);
});

test("a scan in a form drawn scaled, moved or turned (the form's /Matrix and its cm) and in nested forms maps onto the page", async () => {
  // Each page shows a 1700 × 2200 scan over the whole Letter page (200 dpi), through forms whose own spaces differ:
  // reading the image's size in any one of them gives another resolution.
  const scaled = await pagePdf(LETTER, (pdf) => [
    [
      form(pdf, greyImage(pdf, 1700, 2200), [204, 0, 0, 264, 0, 0], [1.5, 0, 0, 1.5, -15, -15]),
      [2, 0, 0, 2, 30, 30],
    ],
  ]);
  assert.deepEqual(await ocrSize(scaled), [1700, 2200], 'scaled form');
  const nested = await pagePdf(LETTER, (pdf) => {
    const inner = form(pdf, greyImage(pdf, 1700, 2200), [408, 0, 0, 528, 0, 0], [0.75, 0, 0, 0.75, 0, 0]);
    return [[form(pdf, inner, [4, 0, 0, 4, 0, 0], [0.25, 0, 0, 0.25, 10, 10]), [2, 0, 0, 2, -20, -20]]];
  });
  assert.deepEqual(await ocrSize(nested), [1700, 2200], 'nested forms');
  // Turned a quarter by the inner form's /Matrix and again by the page's cm, stretched unevenly by the outer form's
  // /Matrix in between: composed in the wrong order, these put the scan 2448 × 198 pt.
  const turned = await pagePdf(LETTER, (pdf) => {
    const inner = form(pdf, greyImage(pdf, 1700, 2200), [1224, 0, 0, 396, 0, 0], [0, 1, -1, 0, 0, 0]);
    return [[form(pdf, inner, IDENTITY, [2, 0, 0, 0.5, 0, 0]), [0, 1, -1, 0, 612, 792]]];
  });
  assert.deepEqual(await ocrSize(turned), [1700, 2200], 'turned form');
});

test('a logo in a form, large in its own space but small on the page, is no scan: 300 dpi, or the scan beside it', async () => {
  const logo = (pdf: PDFDocument, px: number): [PDFRef, Affine] => [
    form(pdf, greyImage(pdf, px, px), [612, 0, 0, 792, 0, 0]),
    [0.2, 0, 0, 0.2, 400, 600],
  ];
  // A vector page with a 300 × 300 logo drawn 122 × 158 pt renders at 300 dpi.
  assert.deepEqual(await ocrSize(await pagePdf(LETTER, (pdf) => [logo(pdf, 300)])), [2550, 3300]);
  // Beside a 200-dpi scan (in a form), a 2400-pixel logo (272 dpi over the whole form) leaves the scan's resolution.
  const both = await pagePdf(LETTER, (pdf) => [
    [form(pdf, greyImage(pdf, 1700, 2200), [612, 0, 0, 792, 0, 0]), IDENTITY],
    logo(pdf, 2400),
  ]);
  assert.deepEqual(await ocrSize(both), [1700, 2200]);
});
