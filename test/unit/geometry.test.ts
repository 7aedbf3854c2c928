import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cropHomography, cropQuad, rotate180, rotate90ccw, warp } from '../../app/ocr/crop';
import { convexHull, minAreaRect, orderQuad, unclipRect } from '../../app/ocr/geometry';
import type { Point, Quad, RgbImage } from '../../app/ocr/types';

const close = (a: number, b: number, eps = 1e-6) => assert.ok(Math.abs(a - b) < eps, `${a} ≈ ${b}`);

test('convex hull drops interior points', () => {
  const hull = convexHull([
    [0, 0],
    [4, 0],
    [4, 3],
    [0, 3],
    [2, 1],
    [1, 2],
  ]);
  assert.equal(hull.length, 4);
});

test('minAreaRect of a 30° rotated 40x10 rectangle recovers its sides', () => {
  const a = Math.PI / 6;
  const pts: Point[] = [];
  for (let u = 0; u <= 40; u += 2)
    for (let v = 0; v <= 10; v += 2)
      pts.push([100 + u * Math.cos(a) - v * Math.sin(a), 50 + u * Math.sin(a) + v * Math.cos(a)]);
  const r = minAreaRect(pts);
  const sides = [r.width, r.height].sort((x, y) => x - y);
  close(sides[0]!, 10, 1e-6);
  close(sides[1]!, 40, 1e-6);
});

test('orderQuad returns top-left, top-right, bottom-right, bottom-left', () => {
  assert.deepEqual(
    orderQuad([
      [10, 20],
      [0, 0],
      [10, 0],
      [0, 20],
    ]),
    [
      [0, 0],
      [10, 0],
      [10, 20],
      [0, 20],
    ],
  );
});

test('unclip grows each side by area*ratio/perimeter', () => {
  const r = minAreaRect([
    [0, 0],
    [100, 0],
    [100, 20],
    [0, 20],
  ]);
  const g = unclipRect(r, 1.5);
  const d = (100 * 20 * 1.5) / 240;
  close(Math.max(g.width, g.height), 100 + 2 * d);
  close(Math.min(g.width, g.height), 20 + 2 * d);
});

/** An image whose pixel (x, y) has R = x, G = y, B = 7. */
function gradient(w: number, h: number): RgbImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x, y, 7], (y * w + x) * 3);
  return { data, width: w, height: h };
}

test('an axis-aligned crop copies the pixels under the quad', () => {
  const img = gradient(100, 60);
  const quad: Quad = [
    [10, 20],
    [50, 20],
    [50, 30],
    [10, 30],
  ];
  const c = cropQuad(img, quad);
  assert.equal(c.width, 40);
  assert.equal(c.height, 10);
  assert.deepEqual([...c.data.slice(0, 3)], [10, 20, 7]);
  const last = (c.width * c.height - 1) * 3;
  assert.deepEqual([...c.data.slice(last, last + 3)], [49, 29, 7]);
});

test('upright whole-pixel crops (copied row by row) are exactly what the perspective warp samples', () => {
  const w = 37;
  const h = 23;
  const img = { data: new Uint8Array(w * h * 3), width: w, height: h };
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 7919) % 251;
  let n = 0;
  for (let x0 = -2; x0 < w; x0 += 3)
    for (let y0 = -1; y0 < h; y0 += 2)
      for (const [cw, ch] of [
        [1, 1],
        [9, 4],
        [w - x0, 3],
        [5, h - y0 + 1],
      ] as const) {
        const quad: Quad = [
          [x0, y0],
          [x0 + cw, y0],
          [x0 + cw, y0 + ch],
          [x0, y0 + ch],
        ];
        const c = cropQuad(img, quad);
        const ref = { data: warp(img, quad, cw, ch), width: cw, height: ch };
        assert.deepEqual(c, ch / cw >= 1.5 ? rotate90ccw(ref) : ref, JSON.stringify(quad));
        n++;
      }
  assert.ok(n > 400);
});

test('the warp samples each crop pixel bilinearly at its homography point, the border replicated', () => {
  const [iw, ih] = [29, 17];
  const img = { data: new Uint8Array(iw * ih * 3), width: iw, height: ih };
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 7919) % 251;
  // A turned, skewed quad reaching past the image's top left and right, so the clamped edges are sampled too.
  const quad: Quad = [
    [-3.3, 2.6],
    [31.2, -1.4],
    [30.1, 9.7],
    [-1.8, 14.2],
  ];
  const [w, h] = [34, 12];
  const H = cropHomography(quad, w, h);
  const at = (x: number, y: number, c: number) => img.data[(y * iw + x) * 3 + c]!;
  const out = warp(img, quad, w, h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const den = H[6]! * x + H[7]! * y + 1;
      const sx = Math.min(Math.max((H[0]! * x + H[1]! * y + H[2]!) / den, 0), iw - 1);
      const sy = Math.min(Math.max((H[3]! * x + H[4]! * y + H[5]!) / den, 0), ih - 1);
      const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
      const [x1, y1] = [Math.min(x0 + 1, iw - 1), Math.min(y0 + 1, ih - 1)];
      const [fx, fy] = [sx - x0, sy - y0];
      for (let c = 0; c < 3; c++) {
        const v =
          (at(x0, y0, c) * (1 - fx) + at(x1, y0, c) * fx) * (1 - fy) +
          (at(x0, y1, c) * (1 - fx) + at(x1, y1, c) * fx) * fy;
        assert.equal(out[(y * w + x) * 3 + c], Math.trunc(v), `pixel ${x},${y} channel ${c}`);
      }
    }
});

test('a tall crop is turned 90° counter-clockwise', () => {
  const c = cropQuad(gradient(100, 100), [
    [10, 10],
    [20, 10],
    [20, 50],
    [10, 50],
  ]);
  assert.equal(c.width, 40);
  assert.equal(c.height, 10);
});

test('rotations are exact pixel permutations', () => {
  const img = gradient(3, 2);
  const r = rotate90ccw(img);
  assert.equal(r.width, 2);
  assert.equal(r.height, 3);
  assert.deepEqual([...r.data.slice(0, 3)], [2, 0, 7]);
  const f = rotate180(rotate180(img));
  assert.deepEqual([...f.data], [...img.data]);
});
