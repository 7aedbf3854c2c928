import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boxScore, dbDetect, textRegions } from '../../app/ocr/db-postprocess';
import { detInputSize } from '../../app/ocr/det-size';
import type { Point, Quad } from '../../app/ocr/types';
import { referenceBoxScore, referenceTextRegions } from '../helpers/db-reference';
import { DET_PARAMS } from '../helpers/det-params';

const params = DET_PARAMS;

function map(w: number, h: number, rects: [number, number, number, number, number][]) {
  const data = new Float32Array(w * h);
  for (const [x0, y0, x1, y1, p] of rects)
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) data[y * w + x] = p;
  return { data, width: w, height: h };
}

test('two separate text blobs become two boxes, grown by unclip and scaled to the source', () => {
  const m = map(64, 32, [
    [4, 4, 30, 10, 0.9],
    [40, 20, 60, 26, 0.95],
  ]);
  const boxes = dbDetect(m, params, 128, 64).boxes;
  assert.equal(boxes.length, 2);
  const [a] = boxes.sort((p, q) => p.quad[0][0] - q.quad[0][0]);
  // width 26, height 6 → d = 26*6*1.5/64 ≈ 3.66; scaled by 2 → x from (4-3.66)*2 ≈ 0.7
  assert.ok(Math.abs(a!.quad[0][0] - 1) <= 1, `left ${a!.quad[0][0]}`);
  assert.ok(Math.abs(a!.quad[1][0] - 67) <= 1, `right ${a!.quad[1][0]}`);
  assert.ok(Math.abs(a!.quad[0][1] - 1) <= 1, `top ${a!.quad[0][1]}`);
  assert.ok(a!.score > 0.89);
});

test('low-scoring and tiny regions are dropped', () => {
  const m = map(64, 32, [
    [4, 4, 30, 10, 0.45],
    [50, 20, 51, 21, 0.99],
  ]);
  assert.equal(dbDetect(m, params, 64, 32).boxes.length, 0);
});

test('regions are 8-connected', () => {
  const m = map(10, 10, [
    [1, 1, 1, 1, 1],
    [2, 2, 2, 2, 1],
    [6, 6, 6, 6, 1],
  ]);
  assert.equal(textRegions(m, 0.3, 100).length, 2);
});

test('detector input size follows the side limit and multiples of 32', () => {
  assert.deepEqual(detInputSize(1280, 720, params), { w: 960, h: 544 });
  assert.deepEqual(detInputSize(94, 24, params), { w: 96, h: 32 });
  assert.deepEqual(detInputSize(300, 2000, params), { w: 160, h: 960 });
});

/** Small seeded PRNG (mulberry32), so a failing case can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A map with text-like bars, blobs, diagonal strokes and speckle noise. */
function randomMap(rand: () => number, w: number, h: number) {
  const data = new Float32Array(w * h);
  for (let k = 0; k < 40; k++) {
    const kind = Math.floor(rand() * 3);
    const x0 = Math.floor(rand() * w);
    const y0 = Math.floor(rand() * h);
    const len = 2 + Math.floor(rand() * 60);
    const th = 1 + Math.floor(rand() * 8);
    for (let i = 0; i < len; i++)
      for (let j = 0; j < th; j++) {
        const x = kind === 0 ? x0 + i : kind === 1 ? x0 + j : x0 + i + j;
        const y = kind === 0 ? y0 + j : kind === 1 ? y0 + i : y0 + Math.floor(i / 2);
        if (x < w && y < h) data[y * w + x] = 0.31 + 0.69 * rand();
      }
  }
  for (let i = 0; i < w * h; i++) if (rand() < 0.01) data[i] = rand();
  return { data, width: w, height: h };
}

test('run-based region finding gives exactly the flood fill regions, in the same order', () => {
  const rand = rng(7);
  for (let c = 0; c < 60; c++) {
    const m = randomMap(rand, 20 + Math.floor(rand() * 140), 10 + Math.floor(rand() * 90));
    const limit = c % 5 === 0 ? 3 : 1000;
    assert.deepEqual(textRegions(m, 0.3, limit), referenceTextRegions(m, 0.3, limit), `case ${c}`);
  }
});

test('the span-based box score sums exactly the pixels the point-in-quad test does', () => {
  const rand = rng(11);
  const m = randomMap(rand, 120, 80);
  for (let c = 0; c < 3000; c++) {
    const cx = rand() * 120;
    const cy = rand() * 80;
    const a = rand() * Math.PI;
    const hw = rand() * 30;
    const hh = rand() * (c % 7 === 0 ? 1.5 : 12);
    const ux = Math.cos(a);
    const uy = Math.sin(a);
    const corner = (s: number, t: number): Point => [
      cx + s * hw * ux - t * hh * uy,
      cy + s * hw * uy + t * hh * ux,
    ];
    // Rotated rectangles (as detection makes them), both windings, and now and then an arbitrary (bent, crossed) quad.
    const q: Quad =
      c % 11 === 0
        ? ([0, 1, 2, 3].map((): Point => [rand() * 130 - 5, rand() * 90 - 5]) as unknown as Quad)
        : c % 2 === 0
          ? [corner(-1, -1), corner(1, -1), corner(1, 1), corner(-1, 1)]
          : [corner(-1, 1), corner(1, 1), corner(1, -1), corner(-1, -1)];
    assert.equal(boxScore(m, q), referenceBoxScore(m, q), `case ${c}: ${JSON.stringify(q)}`);
  }
});
