import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { openPdf } from '../../app/documents/pdf-source';
import { searchablePdf } from '../../app/documents/searchable-pdf';
import { apply } from '../../app/documents/page-geometry';
import { compose, layerFrame, turnAffine } from '../../app/documents/text-layer-frame';
import { turnedPoint } from '../../app/ocr/orientation';
import type { OcrWord, Quad } from '../../app/ocr/types';
import { rect } from '../helpers/det-boxes';

test('the turn as an affine map agrees with turnedPoint at every angle; compose applies the first map first', () => {
  for (const angle of [0, 90, 180, 270] as const)
    for (const p of [
      [0, 0],
      [30, 7],
      [199, 99],
    ] as const)
      assert.deepEqual(apply(turnAffine(angle, 200, 100), p[0], p[1]), turnedPoint(p, angle, 200, 100));
  const shift = [1, 0, 0, 1, 5, 0] as const;
  const double = [2, 0, 0, 2, 0, 0] as const;
  assert.deepEqual(apply(compose(double, shift), 1, 1), [12, 2]);
});

test("a turned page's lines are laid out upright, and the map puts them back on the page", () => {
  // A line read upright at x 10-90, y 20-30 on a page found turned 90°: on the page (100 × 200) it runs down.
  const upright = rect(10, 20, 90, 30);
  const onPage = upright.map(([x, y]) => turnedPoint([x, y], 90, 100, 200)) as unknown as Quad;
  const { lines, toUser } = layerFrame(
    { width: 100, height: 200, orientation: 90, lines: [{ text: 'ab', score: 1, box: onPage }] },
    [1, 0, 0, 1, 0, 0],
  );
  assert.deepEqual(lines[0]!.box, upright);
  assert.deepEqual(apply(toUser, 10, 20), turnedPoint([10, 20], 90, 100, 200));
});

test('a one-letter word reads back from the searchable PDF through PDFium, as Chromium would copy it', async () => {
  const png = new Uint8Array(
    await sharp({ create: { width: 1000, height: 400, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  );
  const word = (text: string, x0: number, x1: number): OcrWord => ({ text, box: rect(x0, 100, x1, 140) });
  const words = [
    word('This', 100, 180),
    word('is', 200, 230),
    word('a', 250, 270),
    word('&', 290, 310),
    word('5', 330, 350),
  ];
  const text = 'This is a & 5';
  const line = {
    text,
    score: 0.9,
    box: [
      [100, 100],
      [350, 100],
      [350, 140],
      [100, 140],
    ] as Quad,
    words,
  };
  const pdf = await searchablePdf(png, {
    file: 'x.png',
    kind: 'image',
    text,
    ms: 1,
    pages: [{ page: 1, width: 1000, height: 400, lines: [line], text, source: 'ocr' }],
  });
  const read = await openPdf(pdf, { maxPixels: 100_000_000 });
  try {
    assert.equal(read.text(0, read.frame(0))?.text, text);
  } finally {
    read.close();
  }
});
