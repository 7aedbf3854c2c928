import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentRegion } from '../../app/ocr/content-region';
import type { RgbImage } from '../../app/ocr/types';

const GREY = [110, 106, 100] as const;

/** A w×h canvas of `bg(x, y)`, with a busy block (a photo's pixels) over [x0, x1) × [y0, y1). */
function canvas(
  w: number,
  h: number,
  block: readonly [number, number, number, number] | undefined,
  bg: (x: number, y: number) => readonly number[] = () => GREY,
): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const inBlock = block && x >= block[0] && x < block[2] && y >= block[1] && y < block[3];
      const v = inBlock ? [(x * 37 + y * 11) % 256, (x * 7 + y * 53) % 256, (x * y) % 256] : bg(x, y);
      data.set(v, (y * w + x) * 3);
    }
  return { data, width: w, height: h };
}

test('a photo on a plain canvas: its rectangle, in the full image, with a margin of canvas around it', () => {
  // Detector input 300×200 of a 1200×800 image: the photo is 100×60 there, 400×240 in the image.
  const r = contentRegion(canvas(300, 200, [100, 70, 200, 130]), 1200, 800);
  assert.ok(r, 'found');
  assert.ok(r.x0 < 400 && r.y0 < 280 && r.x1 > 800 && r.y1 > 520, JSON.stringify(r));
  assert.ok(r.x0 >= 400 - 60 && r.y0 >= 280 - 60 && r.x1 <= 800 + 60 && r.y1 <= 520 + 60, JSON.stringify(r));
});

test('a lone speck of noise on the canvas does not widen the region', () => {
  const img = canvas(300, 200, [100, 70, 200, 130]);
  img.data.set([255, 255, 255], (5 * 300 + 5) * 3);
  const r = contentRegion(img, 300, 200);
  assert.ok(r && r.x0 > 50 && r.y0 > 40, JSON.stringify(r));
});

test('no region: content over 40 % of the image, a blank image, one line, or an edge not a plain canvas', () => {
  assert.equal(contentRegion(canvas(300, 200, [20, 20, 280, 180]), 300, 200), undefined);
  assert.equal(contentRegion(canvas(300, 200, undefined), 300, 200), undefined);
  // A heading: 200×16 of ink, one line, which the first detection reads at a good size.
  assert.equal(contentRegion(canvas(300, 200, [50, 92, 250, 108]), 300, 200), undefined);
  // A desk: a gradient all round the same block.
  const desk = (x: number, y: number) => [80 + ((x + y) >> 2), 60 + (x >> 3), 40];
  assert.equal(contentRegion(canvas(300, 200, [100, 70, 200, 130], desk), 300, 200), undefined);
});
