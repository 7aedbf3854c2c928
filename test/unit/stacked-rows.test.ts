import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DetBox } from '../../app/ocr/db-postprocess';
import { withMargin } from '../../app/ocr/faint-lines';
import { mayHoldTwoRows, rowsOf } from '../../app/ocr/stacked-rows';
import { box } from '../helpers/det-boxes';

test('a long box about two line heights tall may hold two rows; a row, a short tall box and a tall word do not', () => {
  assert.equal(mayHoldTwoRows(box(100, 100, 1500, 158), 34), true);
  assert.equal(mayHoldTwoRows(box(100, 100, 1500, 134), 34), false, 'one row');
  assert.equal(mayHoldTwoRows(box(100, 100, 250, 158), 34), false, 'a heading word in larger type');
  // Turned a little, the box's own height counts, not its bounds.
  const tilted: DetBox = {
    quad: [
      [100, 100],
      [1500, 130],
      [1500, 164],
      [100, 134],
    ],
    score: 0.9,
  };
  assert.equal(mayHoldTwoRows(tilted, 34), false);
});

test('the rows found inside a tall box replace it; one row, or a box as tall as it, keeps it', () => {
  const tall = box(100, 100, 1500, 158);
  const region = withMargin({ width: 2000, height: 2000 }, tall.quad, 34);
  assert.deepEqual(region, { x0: 66, y0: 66, x1: 1534, y1: 192 });
  // Boxes in the region's pixels: two rows (the upper in two pieces), a row below the box, outside it.
  const inRegion = (x0: number, y0: number, x1: number, y1: number) =>
    box(x0 - 66, y0 - 66, x1 - 66, y1 - 66);
  const rows = rowsOf(
    tall,
    [
      inRegion(102, 101, 700, 128),
      inRegion(720, 102, 1498, 128),
      inRegion(101, 130, 1499, 157),
      inRegion(101, 170, 1499, 196),
    ],
    region,
    [tall],
  );
  assert.deepEqual(
    rows?.map((r) => [r.quad[0][1], r.quad[2][1]]),
    [
      [101, 128],
      [130, 157],
    ],
  );
  assert.equal(
    rowsOf(tall, [inRegion(102, 101, 1498, 156)], region, [tall]),
    undefined,
    'a heading: one row',
  );
  assert.equal(
    rowsOf(tall, [inRegion(102, 101, 1498, 150), inRegion(102, 140, 1498, 157)], region, [tall]),
    undefined,
    'a row nearly as tall as the box is the box found again',
  );
});

test('a row found inside the tall box that another box of the page already holds is left to that box', () => {
  const tall = box(100, 100, 1500, 158);
  const region = withMargin({ width: 2000, height: 2000 }, tall.quad, 34);
  const inRegion = (x0: number, y0: number, x1: number, y1: number) =>
    box(x0 - 66, y0 - 66, x1 - 66, y1 - 66);
  const lower = box(100, 128, 1500, 160);
  const rows = rowsOf(tall, [inRegion(102, 101, 1498, 128), inRegion(101, 130, 1499, 157)], region, [
    tall,
    lower,
  ]);
  assert.deepEqual(
    rows?.map((r) => r.quad[0][1]),
    [101],
  );
});
