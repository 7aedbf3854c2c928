import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dbPostprocess, textRegions } from '../../app/ocr/db-postprocess';
import { detInputSize } from '../../app/ocr/det';
import type { DetParams } from '../../app/models/manifest';

const params: DetParams = {
  limitSideLen: 960,
  limitType: 'max',
  mean: [0.485, 0.456, 0.406],
  std: [0.229, 0.224, 0.225],
  channelOrder: 'bgr',
  thresh: 0.3,
  boxThresh: 0.6,
  unclipRatio: 1.5,
  minSize: 3,
  maxCandidates: 1000,
};

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
  const boxes = dbPostprocess(m, params, 128, 64);
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
  assert.equal(dbPostprocess(m, params, 64, 32).length, 0);
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
