import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { contrastBackdrop, type RgbaImage } from '../../app/ocr/alpha-backdrop';
import { rgbOf } from '../../app/ocr/decode';

/** A w×h RGBA image whose pixel at (x, y) is `at(x, y)`. */
function rgba(w: number, h: number, at: (x: number, y: number) => readonly number[]): RgbaImage {
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(at(x, y), (y * w + x) * 4);
  return { data, width: w, height: h };
}

/** A 2-px square of `ink` in the middle of a 6×6 clear image. */
const square = (ink: readonly number[]) =>
  rgba(6, 6, (x, y) => (x >= 2 && x < 4 && y >= 2 && y < 4 ? ink : [0, 0, 0, 0]));

test('light ink on nothing goes on black, dark ink on white', () => {
  assert.equal(contrastBackdrop(square([255, 255, 255, 255])), 0);
  assert.equal(contrastBackdrop(square([250, 220, 40, 255])), 0);
  assert.equal(contrastBackdrop(square([0, 0, 0, 255])), 255);
  assert.equal(contrastBackdrop(square([30, 40, 200, 255])), 255);
});

test('faint light ink (a watermark) is judged against its own opacity, not full opacity', () => {
  assert.equal(contrastBackdrop(square([255, 255, 255, 60])), 0);
});

test('no edge between shapes and clear (all opaque, all clear) keeps white', () => {
  assert.equal(contrastBackdrop(rgba(3, 3, () => [255, 255, 255, 255])), 255);
  assert.equal(contrastBackdrop(rgba(3, 3, () => [255, 255, 255, 0])), 255);
});

test('in a file cut short the clear rows at the bottom are what it lacks, not a backdrop', () => {
  // White paper cut inside its fourth row, the rest left clear: its only edge is the cut, whose pixels are paper.
  const cut = rgba(4, 6, (x, y) => (y < 3 || (y === 3 && x < 2) ? [255, 255, 255, 255] : [0, 0, 0, 0]));
  assert.equal(contrastBackdrop(cut), 0);
  assert.equal(contrastBackdrop(cut, true), 255);
  // Light ink on a clear background stays on black when the file is cut below it.
  const inkAbove = rgba(6, 8, (x, y) =>
    x >= 2 && x < 4 && y >= 2 && y < 4 ? [255, 255, 255, 255] : [0, 0, 0, 0],
  );
  assert.equal(contrastBackdrop(inkAbove, true), 0);
});

test('flattening composites each pixel over the backdrop by its alpha', async () => {
  const img = rgba(2, 1, (x) => (x === 0 ? [255, 255, 255, 255] : [255, 255, 255, 51]));
  const pipe = sharp(img.data, { raw: { width: 2, height: 1, channels: 4 } });
  assert.deepEqual([...(await rgbOf(pipe, true)).data], [255, 255, 255, 51, 51, 51]);
});

test('a fully opaque image keeps its pixels, whatever their colour', async () => {
  const img = rgba(2, 1, (x) => (x === 0 ? [250, 250, 250, 255] : [10, 20, 30, 255]));
  assert.equal(contrastBackdrop(img), 255);
  const pipe = sharp(img.data, { raw: { width: 2, height: 1, channels: 4 } });
  assert.deepEqual([...(await rgbOf(pipe, true)).data], [250, 250, 250, 10, 20, 30]);
});
