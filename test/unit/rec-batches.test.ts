import assert from 'node:assert/strict';
import { test } from 'node:test';
import { widthBatches } from '../../app/ocr/rec';

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
