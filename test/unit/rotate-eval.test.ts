import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unrotatePoint } from '../../app/eval/rotate';

test('a point of a page turned 90/180/270° clockwise maps back to where it was upright', () => {
  // Upright 100 x 40: the point (10, 5). Turned 90° clockwise (40 x 100) it sits at (40 - 5, 10).
  assert.deepEqual(unrotatePoint([35, 10], 90, 40, 100), [10, 5]);
  assert.deepEqual(unrotatePoint([90, 35], 180, 100, 40), [10, 5]);
  // Turned 270° (40 x 100) it sits at (5, 100 - 10).
  assert.deepEqual(unrotatePoint([5, 90], 270, 40, 100), [10, 5]);
  assert.deepEqual(unrotatePoint([10, 5], 0, 100, 40), [10, 5]);
});
