import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitRowOverlaps } from '../../app/ocr/row-overlaps';
import type { Quad } from '../../app/ocr/types';

const box = (x0: number, y0: number, x1: number, y1: number): Quad => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];

test('two boxes of one line grown into each other are cut in the middle of their overlap', () => {
  const [a, b] = splitRowOverlaps([box(10, 50, 330, 100), box(300, 52, 500, 101)]);
  assert.deepEqual(a, box(10, 50, 315, 100));
  assert.deepEqual(b, box(315, 52, 500, 101));
});

test('a slanted line is cut across its own direction', () => {
  // 3° up to the right: both boxes share the slope, so the cut is a line across it, not a vertical one.
  const k = Math.tan((3 * Math.PI) / 180);
  const slant = (x0: number, x1: number): Quad => [
    [x0, 100 - x0 * k],
    [x1, 100 - x1 * k],
    [x1, 140 - x1 * k],
    [x0, 140 - x0 * k],
  ];
  const [a, b] = splitRowOverlaps([slant(0, 220), slant(200, 400)]);
  assert.ok(Math.abs(a![1][0] - b![0][0]) <= 1 && Math.abs(a![1][1] - b![0][1]) <= 1, JSON.stringify([a, b]));
  assert.ok(Math.abs(a![1][0] - 210) <= 1, JSON.stringify(a));
});

test('boxes that do not overlap, sit on other lines, nest, or mostly cover each other are left alone', () => {
  const apart = [box(0, 0, 100, 30), box(110, 0, 200, 30)];
  const stacked = [box(0, 0, 300, 30), box(100, 20, 400, 50)]; // overlap across the line of a third of a height
  const nested = [box(0, 0, 300, 30), box(100, 2, 200, 28)];
  const covering = [box(0, 0, 200, 30), box(80, 0, 300, 30)]; // overlap of 120 > half of the shorter (200)
  for (const set of [apart, stacked, nested, covering]) assert.deepEqual(splitRowOverlaps(set), set);
});

test('vertical lines (taller than long) are left to the rest of the pipeline', () => {
  const tall = [box(0, 0, 30, 300), box(0, 280, 30, 500)];
  assert.deepEqual(splitRowOverlaps(tall), tall);
});
