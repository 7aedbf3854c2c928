import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cropQuad, rotate180, rotate90ccw, warp } from '../../app/ocr/crop';
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
