import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import type { DocumentResult } from '../../app/documents/document-types';
import { openPdf } from '../../app/documents/pdf-source';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { FIXTURES } from '../helpers/fixtures';

const fixture = (name: string) => join(FIXTURES, name);

/** A one-page result without lines: only the page image is under test here. */
const blank = (kind: DocumentResult['kind'], width: number, height: number): DocumentResult => ({
  kind,
  pages: [{ page: 1, width, height, lines: [], text: '', source: 'ocr' }],
  text: '',
  ms: 0,
});

/** `pdfimages -list` of a PDF: [colour, bits per component, encoding] of each image, and the file's size. */
function images(pdf: Uint8Array): { rows: string[][]; size: number } {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-images-'));
  try {
    writeFileSync(join(dir, 'p.pdf'), pdf);
    const list = execFileSync('pdfimages', ['-list', join(dir, 'p.pdf')], { encoding: 'utf8' });
    const rows = list
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/u))
      .map((c) => [c[5]!, c[7]!, c[8]!]);
    return { rows, size: pdf.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first image of a PDF as poppler decodes it (`pdfimages -png`), as grey bytes. */
async function firstImage(pdf: Uint8Array): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-images-'));
  try {
    writeFileSync(join(dir, 'p.pdf'), pdf);
    execFileSync('pdfimages', ['-png', '-f', '1', '-l', '1', join(dir, 'p.pdf'), join(dir, 'i')]);
    return await sharp(join(dir, 'i-000.png')).toColourspace('b-w').raw().toBuffer();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a black-and-white scan stays 1 bit a pixel, a grey one grey, in its searchable PDF', async () => {
  // A 1-bit PNG (15 KB) became an 8-bit RGB image of 35 KB; a G4 fax TIFF of 9 KB the same; then Flate, 17 KB.
  const png = new Uint8Array(readFileSync(fixture('tess_eurotext.png')));
  const fromPng = images(await searchablePdf(png, blank('image', 1024, 800)));
  assert.deepEqual(fromPng.rows, [['gray', '1', 'ccitt']]);
  assert.ok(fromPng.size < png.length, `${fromPng.size} bytes from a ${png.length}-byte PNG`);
  const g4 = await sharp(png).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1 }).toBuffer();
  const fromTiff = images(await searchablePdf(g4, blank('tiff', 1024, 800)));
  assert.deepEqual(fromTiff.rows, [['gray', '1', 'ccitt']]);
  assert.ok(fromTiff.size < g4.length * 1.2, `${fromTiff.size} bytes from a ${g4.length}-byte G4 TIFF`);
  const grey = await sharp(fixture('sroie_006.jpg')).toColourspace('b-w').png().toBuffer();
  assert.deepEqual(images(await searchablePdf(grey, blank('image', 457, 1170))).rows, [
    ['gray', '8', 'image'],
  ]);
  // Colour stays colour, and a JPEG is still embedded as it is.
  const colour = await sharp(fixture('sroie_006.jpg')).png().toBuffer();
  assert.deepEqual(images(await searchablePdf(colour, blank('image', 457, 1170))).rows, [
    ['rgb', '8', 'image'],
  ]);
  const jpeg = new Uint8Array(readFileSync(fixture('sroie_006.jpg')));
  assert.deepEqual(images(await searchablePdf(jpeg, blank('image', 457, 1170))).rows, [['rgb', '8', 'jpeg']]);
});

test('a Group 4 page image holds the pixels of the scan exactly, in poppler and in PDFium', async () => {
  const original = await sharp(fixture('tess_eurotext.png')).toColourspace('b-w').raw().toBuffer();
  const g4 = await sharp(fixture('tess_eurotext.png'))
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1 })
    .toBuffer();
  const pdf = await searchablePdf(g4, blank('tiff', 1024, 800));
  assert.equal(images(pdf).rows[0]?.[2], 'ccitt');
  assert.ok(
    (await firstImage(pdf)).equals(original),
    'poppler decodes the page image to the pixels of the scan',
  );
  const doc = await openPdf(pdf, { maxPixels: 1e8 });
  try {
    const page = doc.render(0, doc.frame(0));
    assert.equal(page.width * page.height, original.length);
    const wrong = original.filter((v, i) => v !== page.data[i * 3]).length;
    assert.equal(wrong, 0, 'PDFium draws the page image pixel for pixel');
  } finally {
    doc.close();
  }
});

test('a JPEG TIFF page keeps its JPEG data: one DCT image a page, the pixels of the scan in poppler and PDFium', async () => {
  // Decoded and written Flate, the page would be several times the TIFF's size.
  const tiff = await sharp(fixture('sroie_006.jpg')).tiff({ compression: 'jpeg', quality: 85 }).toBuffer();
  const pdf = await searchablePdf(tiff, blank('tiff', 457, 1170));
  const listed = images(pdf);
  assert.deepEqual(listed.rows, [['rgb', '8', 'jpeg']]);
  assert.ok(listed.size < tiff.length * 1.1, `${listed.size} bytes from a ${tiff.length}-byte TIFF`);
  const scan = await sharp(tiff).toColourspace('b-w').raw().toBuffer();
  assert.ok((await firstImage(pdf)).equals(scan), 'poppler decodes the page image to the pixels of the scan');
  const doc = await openPdf(pdf, { maxPixels: 1e8 });
  try {
    const page = doc.render(0, doc.frame(0));
    assert.equal(page.width * page.height, scan.length);
    const rgb = await sharp(tiff).raw().toBuffer();
    let off = 0;
    for (let i = 0; i < rgb.length; i++) off += Math.abs(rgb[i]! - page.data[i]!);
    assert.ok(off / rgb.length < 1, `PDFium draws the scan (mean difference ${off / rgb.length})`);
  } finally {
    doc.close();
  }
});

test('a JPEG held in part of a larger buffer (a small stdin or upload: a pooled Buffer) is written as its own bytes', async () => {
  const jpeg = readFileSync(fixture('plate_000.jpg'));
  // As Buffer.concat gives a small input: a Buffer some way into a buffer shared with other bytes.
  const pool = Buffer.alloc(jpeg.length + 4096);
  jpeg.copy(pool, 1000);
  const view = pool.subarray(1000, 1000 + jpeg.length);
  const pdf = await searchablePdf(view, blank('image', 94, 24));
  assert.deepEqual(images(pdf).rows, [['rgb', '8', 'jpeg']]);
});
