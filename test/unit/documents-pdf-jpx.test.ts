import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PDFDocument, PDFName, PDFNumber } from 'pdf-lib';
import type { RgbImage } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';
import { renderFirstPage } from '../helpers/pdf-render';

/** How many pixels of a rendering are dark (ink): a page whose image PDFium could not decode renders white. */
function inked(img: RgbImage): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 3) if (img.data[i]! < 128) n++;
  return n;
}

/** The fixture's page (one 7600 × 7600 RGB JPEG 2000 image) shown turned a quarter by /Rotate 90. */
async function turned(bytes: Uint8Array): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes);
  pdf.getPage(0).node.set(PDFName.of('Rotate'), PDFNumber.of(90));
  return pdf.save();
}

test('a JPEG 2000 scan too large for the heap decoded whole is rendered from a reduced resolution, not blank', async () => {
  // 57.8 MP at about 18 bytes a pixel is past PDFium's heap cap: decoded whole it left the page white, read as no text.
  const bytes = new Uint8Array(readFileSync(fixture('jpx-7600-rgb.pdf')));
  for (const [name, pdf] of [
    ['upright', bytes],
    ['/Rotate 90', await turned(bytes)],
  ] as const) {
    const img = await renderFirstPage(pdf, 1e8);
    assert.ok(inked(img) > 10_000, `${name}: ${inked(img)} dark pixels in ${img.width}×${img.height}`);
  }
});
