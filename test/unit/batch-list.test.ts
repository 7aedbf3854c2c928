/** Batch & Watch's batch lines: a listing and the events heard around it make one list, the newest news winning. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BatchProgress } from '../../app/contracts/lantern-api';
import { withBatchEvent, withListedBatches } from '../../renderer/src/watch/batch-list';

const batch = (batchId: string, state: BatchProgress['state'], done = 0): BatchProgress => ({
  type: 'batch',
  batchId,
  dir: `/scans/${batchId}`,
  done,
  failed: 0,
  total: 4,
  rate: 0,
  etaS: null,
  state,
});

test('a batch heard while the listing was on its way stays, though the listing (taken before) lacks it', () => {
  const list = withBatchEvent([], batch('new', 'running', 1));
  assert.deepEqual(withListedBatches(list, [], new Set(['new'])), [batch('new', 'running', 1)]);
});

test('a batch heard while the listing was on its way keeps its newer line over the listed one', () => {
  const list = [batch('a', 'running', 3)];
  assert.deepEqual(withListedBatches(list, [batch('a', 'running', 1)], new Set(['a'])), [
    batch('a', 'running', 3),
  ]);
});

test('a running batch heard before the listing was asked for and not listed is gone (the listing knows better)', () => {
  const list = [batch('old', 'running', 2)];
  assert.deepEqual(withListedBatches(list, [batch('b', 'paused')], new Set()), [batch('b', 'paused')]);
});

test('a batch whose end was heard stays ended: a listing cannot bring it back to running', () => {
  const list = [batch('a', 'finished', 4)];
  assert.deepEqual(withListedBatches(list, [batch('a', 'running', 3)], new Set()), [
    batch('a', 'finished', 4),
  ]);
  assert.deepEqual(withListedBatches(list, [], new Set()), [batch('a', 'finished', 4)]);
});

test("an event updates its batch's line in place, and an ended line gives way to newer news", () => {
  const list = [batch('a', 'finished', 4), batch('b', 'running', 1)];
  assert.deepEqual(withBatchEvent(list, batch('b', 'running', 2)), [batch('b', 'running', 2)]);
  assert.deepEqual(withBatchEvent([batch('b', 'running', 2)], batch('b', 'paused', 2)), [
    batch('b', 'paused', 2),
  ]);
});
