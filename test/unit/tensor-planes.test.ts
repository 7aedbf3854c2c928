import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HALF_NORM, writePlanes } from '../../app/ocr/tensor';

const img = {
  width: 2,
  height: 2,
  data: new Uint8Array([0, 51, 102, 153, 204, 255, 255, 0, 51, 102, 153, 204]),
};

test('planes are written at the tensor size, channel order applied', () => {
  const dst = new Float32Array(12);
  writePlanes(img, dst, 'rgb', HALF_NORM);
  const planes = [0, 153, 255, 102, 51, 204, 0, 153, 102, 255, 51, 204];
  const expected = Float32Array.from(planes, (x) => x * (1 / 127.5) - 1);
  dst.forEach((got, i) =>
    assert.ok(Math.abs(got - expected[i]!) < 1e-6, `at ${i}: ${got} vs ${expected[i]}`),
  );
});

test('padded planes put the image at the top left and leave the rest untouched (zero padding)', () => {
  const exact = new Float32Array(12);
  writePlanes(img, exact, 'bgr', HALF_NORM);
  const dst = new Float32Array(3 * 3 * 4).fill(7);
  writePlanes(img, dst, 'bgr', HALF_NORM, 3, 4);
  for (let p = 0; p < 3; p++)
    for (let y = 0; y < 4; y++)
      for (let x = 0; x < 3; x++) {
        const got = dst[p * 12 + y * 3 + x]!;
        assert.equal(got, x < 2 && y < 2 ? exact[p * 4 + y * 2 + x]! : 7, `plane ${p} (${x}, ${y})`);
      }
});
