/** 503s in the log: a code's first at once, the rest as a count per interval, a quiet interval ending the count. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RefusalLog, type Refusal } from '../../app/http/refusal-log';

const refusal = (code: string, requestId: string): Refusal => ({
  code,
  method: 'POST',
  path: '/ocr',
  requestId,
  message: 'too many requests in progress (64)',
});

test('a flood is its first line and a count per interval; a quiet interval ends it; codes are apart', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const lines: string[] = [];
  const log = new RefusalLog((level, message) => lines.push(`${level} ${message}`), 1000);
  for (let i = 0; i < 5; i++) log.note(refusal('QUEUE_FULL', `q${i}`));
  log.note(refusal('ENGINE_UNAVAILABLE', 'e0'));
  assert.deepEqual(lines, [
    'warn POST /ocr 503 QUEUE_FULL (request q0): too many requests in progress (64)',
    'warn POST /ocr 503 ENGINE_UNAVAILABLE (request e0): too many requests in progress (64)',
  ]);
  t.mock.timers.tick(1000);
  assert.deepEqual(lines.slice(2), [
    'warn 503 QUEUE_FULL: 4 more, not logged one by one (the last: POST /ocr, request q4)',
  ]);
  // Still flooding: counted again over the next interval.
  log.note(refusal('QUEUE_FULL', 'q5'));
  t.mock.timers.tick(1000);
  assert.deepEqual(lines.slice(3), [
    'warn 503 QUEUE_FULL: 1 more, not logged one by one (the last: POST /ocr, request q5)',
  ]);
  // A quiet interval ends the count: the next is logged on its own at once.
  t.mock.timers.tick(1000);
  assert.equal(lines.length, 4);
  log.note(refusal('QUEUE_FULL', 'q6'));
  log.note(refusal('QUEUE_FULL', 'q7'));
  assert.equal(lines[4], 'warn POST /ocr 503 QUEUE_FULL (request q6): too many requests in progress (64)');
  // A closing server writes out what is pending.
  log.flush();
  assert.deepEqual(lines.slice(5), [
    'warn 503 QUEUE_FULL: 1 more, not logged one by one (the last: POST /ocr, request q7)',
  ]);
});
