import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dbDetect, MAX_FAINT_LINES } from '../../app/ocr/db-postprocess';
import { faintRegions, foundAgain, joinLineBoxes, keptLineHeight, onceEach } from '../../app/ocr/faint-lines';
import { box, rect } from '../helpers/det-boxes';
import { DET_PARAMS } from '../helpers/det-params';
import { insideConvex } from '../../app/ocr/geometry';

const params = DET_PARAMS;

test('a long region scoring under the box bar is kept as a faint line; a short one is dropped unseen', () => {
  // A row of words across two columns: ink strong in its core, paper between and around (box score under 0.6).
  const w = 200;
  const data = new Float32Array(w * 40);
  for (let y = 4; y <= 12; y++)
    for (let x = 4; x <= 180; x++) data[y * w + x] = y >= 7 && y <= 9 && x % 12 < 9 ? 0.95 : 0.31;
  for (let y = 24; y <= 30; y++) for (let x = 10; x <= 30; x++) data[y * w + x] = 0.35;
  const found = dbDetect({ data, width: w, height: 40 }, params, 400, 80);
  assert.equal(found.boxes.length, 0);
  assert.equal(found.faintLines.length, 1, JSON.stringify(found.faintLines));
  const [[x0, y0], [x1]] = found.faintLines[0]!;
  assert.ok(Math.abs(x0 - 8) <= 2 && Math.abs(x1 - 360) <= 2 && Math.abs(y0 - 8) <= 2, JSON.stringify(found));
});

test('boxes found again are the rows the crop shows whole that no kept box holds, in or beside the faint line', () => {
  const image = { width: 1000, height: 800 };
  const [region] = faintRegions(image, [rect(100, 400, 900, 420)], 30);
  assert.deepEqual([region!.x0, region!.y0, region!.x1, region!.y1], [70, 370, 930, 450]);
  const kept = [box(500, 395, 880, 425)];
  const crop = (x0: number, y0: number, x1: number, y1: number) => box(x0 - 70, y0 - 370, x1 - 70, y1 - 370);
  const again = foundAgain(
    region!,
    [
      crop(100, 396, 460, 424), // the left column's row: kept
      crop(520, 396, 860, 424), // the right column's row, read already
      crop(100, 372, 400, 380), // a row above the faint line, shown whole: kept (a faint line may cross rows slantwise)
      crop(120, 441, 300, 450), // halved by the crop's bottom
    ],
    kept,
    image,
  );
  assert.deepEqual(
    again.map((b) => b.quad[0]),
    [
      [100, 396],
      [100, 372],
    ],
  );
  assert.equal(keptLineHeight(kept), 30);
});

test('pieces of one printed line are joined; rows of two columns half a line apart are not', () => {
  const joined = joinLineBoxes([
    box(300, 100, 400, 130),
    box(100, 101, 280, 130, 0.8),
    box(420, 100, 500, 129),
  ]);
  assert.equal(joined.length, 1);
  // From the leftmost piece's left side to the rightmost's right side, around all of them.
  assert.deepEqual(joined[0]!.quad, rect(100, 100, 500, 130));
  assert.equal(joined[0]!.score, 0.8);
  const staggered = joinLineBoxes([box(100, 100, 280, 130), box(300, 115, 480, 145)]);
  assert.equal(staggered.length, 2);
});

test('pieces of unequal height are joined into a rectangle around them, never a trapezoid', () => {
  // A trapezoid's perspective crop scales the text unevenly along the line, moving its words off their pixels.
  const [joined] = joinLineBoxes([box(100, 100, 600, 126), box(590, 102, 900, 130)]);
  const q = joined!.quad;
  const side = (a: number, b: number) => Math.hypot(q[b]![0] - q[a]![0], q[b]![1] - q[a]![1]);
  assert.ok(Math.abs(side(0, 3) - side(1, 2)) < 0.5, JSON.stringify(q));
  assert.ok(Math.abs(side(0, 1) - side(3, 2)) < 0.5, JSON.stringify(q));
  for (const [x, y] of [...rect(100, 100, 600, 126), ...rect(590, 102, 900, 130)])
    assert.ok(
      insideConvex(q, x, y) || q.some((c) => Math.hypot(c[0] - x, c[1] - y) < 0.5),
      `${x},${y} ${JSON.stringify(q)}`,
    );
});

test('a row found from two overlapping regions is kept once, the taller box', () => {
  const once = onceEach([box(100, 100, 400, 115), box(100, 98, 400, 128), box(100, 160, 400, 190)]);
  assert.deepEqual(
    once.map((b) => b.quad[0]),
    [
      [100, 98],
      [100, 160],
    ],
  );
});

test('only upright rows become faint lines, at most MAX_FAINT_LINES a page, the widest first', () => {
  // A barcode's bars: tall thin regions under the bar, not rows of text.
  const bars = new Float32Array(200 * 200);
  for (let x = 10; x < 190; x += 12)
    for (let y = 10; y <= 190; y++) for (let k = 0; k < 4; k++) bars[y * 200 + x + k] = 0.35;
  const barcode = dbDetect({ data: bars, width: 200, height: 200 }, params, 200, 200);
  assert.equal(barcode.faintLines.length, 0);
  // Ruled paper: 60 faint rows of growing width.
  const w = 400;
  const rows = new Float32Array(w * 600);
  for (let i = 0; i < 60; i++)
    for (let y = 5 + i * 10; y <= 8 + i * 10; y++)
      for (let x = 5; x <= 100 + i * 4; x++) rows[y * w + x] = 0.35;
  const ruled = dbDetect({ data: rows, width: w, height: 600 }, params, w, 600);
  assert.equal(ruled.faintLines.length, MAX_FAINT_LINES);
  const widths = ruled.faintLines.map((q) => q[1][0] - q[0][0]);
  assert.ok(
    widths.every((v, i) => i === 0 || v <= widths[i - 1]!),
    'widest first',
  );
  assert.ok(widths.at(-1)! > 100 + 11 * 4 - 5, `the narrowest rows are left: ${widths.at(-1)}`);
});
