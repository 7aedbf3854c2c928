import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alsoReadWhole, linePad, padEdges, unpadQuad, WORD_IMAGE_MAX_SIDE } from '../../app/ocr/whole-line';

test('a line crop is padded by copies of its edge pixels, by the unclip distance of its height', () => {
  // 2 x 1 image: a red pixel and a blue one.
  const img = { data: new Uint8Array([255, 0, 0, 0, 0, 255]), width: 2, height: 1 };
  const p = padEdges(img, 1);
  assert.deepEqual([p.width, p.height], [4, 3]);
  const px = (x: number, y: number) => Array.from(p.data.subarray((y * 4 + x) * 3, (y * 4 + x) * 3 + 3));
  for (const y of [0, 1, 2]) {
    assert.deepEqual(px(0, y), [255, 0, 0]);
    assert.deepEqual(px(1, y), [255, 0, 0]);
    assert.deepEqual(px(2, y), [0, 0, 255]);
    assert.deepEqual(px(3, y), [0, 0, 255]);
  }
  assert.equal(linePad({ ...img, height: 24 }), 18);
  // Every pixel of a padded image is its nearest source pixel, whatever the sizes.
  let seed = 7;
  const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256;
  // With a grid (a leader end's crop, detected at its own pixels), the right and bottom go on to its multiples.
  for (const [w, h, pad, grid] of [
    [7, 5, 3, 1],
    [1, 1, 4, 1],
    [13, 2, 1, 1],
    [31, 25, 19, 32],
    [40, 8, 6, 32],
  ] as const) {
    const src = { data: Uint8Array.from({ length: w * h * 3 }, noise), width: w, height: h };
    const out = padEdges(src, pad, grid);
    assert.deepEqual(
      [out.width, out.height],
      [Math.ceil((w + 2 * pad) / grid) * grid, Math.ceil((h + 2 * pad) / grid) * grid],
    );
    for (let y = 0; y < out.height; y++)
      for (let x = 0; x < out.width; x++) {
        const sx = Math.min(w - 1, Math.max(0, x - pad));
        const sy = Math.min(h - 1, Math.max(0, y - pad));
        const o = (y * out.width + x) * 3;
        const i = (sy * w + sx) * 3;
        assert.deepEqual(
          [...out.data.subarray(o, o + 3)],
          [...src.data.subarray(i, i + 3)],
          `${w}x${h} at ${x},${y}`,
        );
      }
  }
});

test('a box found on the padded image is told in the crop pixels, clipped to it', () => {
  const img = { data: new Uint8Array(3 * 100 * 20), width: 100, height: 20 };
  const q = unpadQuad(
    [
      [10, 12],
      [120, 14],
      [118, 40],
      [16, 45],
    ],
    15,
    img,
  );
  assert.deepEqual(q, [
    [0, 0],
    [100, 0],
    [100, 20],
    [1, 20],
  ]);
});

test('the whole image is read too where detection may have cut or missed its text, and not on pages', () => {
  const size = (width: number, height: number) => ({ width, height });
  assert.equal(alsoReadWhole(size(94, 24), true, 1), true, 'a line crop with a box');
  assert.equal(alsoReadWhole(size(94, 24), false, 0), true, 'any image without a box');
  assert.equal(alsoReadWhole(size(1280, 720), false, 0), true);
  assert.equal(alsoReadWhole(size(329, 104), false, 1), true, 'a word-sized image with one box');
  assert.equal(alsoReadWhole(size(329, 104), false, 2), false, 'two boxes may be two lines');
  assert.equal(alsoReadWhole(size(WORD_IMAGE_MAX_SIDE + 1, 104), false, 1), false, 'larger than a word');
  assert.equal(alsoReadWhole(size(1280, 720), false, 1), false, 'a photo with one sign');
});
