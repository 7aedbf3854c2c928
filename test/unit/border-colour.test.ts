import assert from 'node:assert/strict';
import { test } from 'node:test';
import { borderColour, borderShareNear } from '../../app/ocr/border-colour';
import type { RgbImage } from '../../app/ocr/types';

/** A w×h image whose pixel at (x, y) is `at(x, y)`. */
function image(w: number, h: number, at: (x: number, y: number) => readonly number[]): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(at(x, y), (y * w + x) * 3);
  return { data, width: w, height: h };
}

test('the border colour is the median of the outermost ring per channel, whatever lies inside it', () => {
  // A 5×4 ring of 14 pixels: 9 grey, 5 red along the top; inside, black.
  const img = image(5, 4, (x, y) =>
    y === 0 ? [200, 0, 0] : x === 0 || x === 4 || y === 3 ? [100, 110, 120] : [0, 0, 0],
  );
  assert.deepEqual(borderColour(img), [100, 110, 120]);
  assert.equal(borderShareNear(img, [100, 110, 120], 24), 9 / 14);
  assert.equal(borderShareNear(img, [100, 110, 120], 255), 1);
});

test('a one-pixel-high image counts its row from both sides, and never reads past it', () => {
  const img = image(3, 1, (x) => [x * 10, x * 10, x * 10]);
  assert.deepEqual(borderColour(img), [10, 10, 10]);
  assert.equal(borderShareNear(img, [0, 0, 0], 5), 2 / 6);
});
