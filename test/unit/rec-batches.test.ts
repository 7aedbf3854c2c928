import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LONG_LINE_SQUEEZE, single, widthAt, widthBatches } from '../../app/ocr/rec';

const P = { batch: 6, batchColumns: 2400, minWidth: 320, maxWidth: 3200 };

test('narrow lines batch six at a time, sorted by width', () => {
  const widths = [400, 100, 390, 380, 300, 200, 320, 350];
  const batches = widthBatches(widths, P);
  assert.deepEqual(batches, [
    [1, 5, 4, 6, 7, 3],
    [2, 0],
  ]);
});

test('wide lines batch fewer, so that no run pads more than batchColumns columns', () => {
  const widths = [1200, 1100, 1150, 700, 800, 2600, 5000];
  const batches = widthBatches(widths, P);
  assert.deepEqual(batches, [[3, 4], [1, 2], [0], [5], [6]]);
  for (const b of batches) {
    const padded = Math.min(P.maxWidth, Math.max(P.minWidth, ...b.map((i) => widths[i]!)));
    assert.ok(b.length === 1 || b.length * padded <= P.batchColumns, `${b} pads ${b.length}×${padded}`);
  }
  assert.deepEqual(batches.flat().sort(), widths.map((_, i) => i).sort());
});

test('lines up to the training width keep their width; longer ones are squeezed, never below it nor above maxWidth', () => {
  const R = { height: 48, minWidth: 320, maxWidth: 3200 };
  const crop = (width: number, height: number) => ({
    width,
    height,
    data: new Uint8Array(width * height * 3),
  });
  assert.equal(widthAt(crop(100, 48), R), 100);
  assert.equal(widthAt(crop(320, 48), R), 320);
  assert.equal(widthAt(crop(350, 48), R), 320, 'a squeeze never takes a line below the training width');
  assert.equal(widthAt(crop(1000, 48), R), Math.ceil(1000 * LONG_LINE_SQUEEZE));
  assert.equal(
    widthAt(crop(500, 24), R),
    Math.ceil(1000 * LONG_LINE_SQUEEZE),
    'the width is taken at height 48',
  );
  assert.equal(widthAt(crop(9000, 48), R), 3200);
  assert.equal(widthAt(crop(1000, 48), R, 1), 1000, 'squeeze 1 reads the line as it is');
  assert.deepEqual(
    [single(crop(1001, 48), R).width, single(crop(1001, 48), R).parts[0]!.w],
    [Math.trunc(1001 * LONG_LINE_SQUEEZE), Math.ceil(1001 * LONG_LINE_SQUEEZE)],
  );
});
