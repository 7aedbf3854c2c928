import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientErrorAnswer } from '../../app/http/client-errors';
import { z } from 'zod';
import { LanternError } from '../../app/contracts/errors';
import { errorAnswer, retryAfterSeconds } from '../../app/http/errors';

test('coded and validation errors from services are 4xx with their code and reason; only the unexpected is 500', () => {
  const zod = z.object({ dir: z.string() }).safeParse({ dir: 1 }).error!;
  const fastifyLimit = Object.assign(new Error('request file too large'), { statusCode: 413 });
  const fastifyMalformed = Object.assign(new Error('Multipart: Boundary not found'), { statusCode: 406 });
  const cases: [unknown, number, string][] = [
    [new LanternError('BAD_REQUEST', 'pattern "[z-a]" is invalid'), 400, 'BAD_REQUEST'],
    [new LanternError('FILE_UNREADABLE', 'a FIFO is not a file'), 400, 'FILE_UNREADABLE'],
    [new LanternError('METHOD_NOT_ALLOWED', 'use GET'), 405, 'METHOD_NOT_ALLOWED'],
    [zod, 400, 'BAD_REQUEST'],
    [fastifyLimit, 413, 'PAYLOAD_TOO_LARGE'],
    [fastifyMalformed, 400, 'BAD_REQUEST'],
    [new LanternError('QUEUE_FULL', 'full'), 503, 'QUEUE_FULL'],
    [new TypeError('x is undefined'), 500, 'INTERNAL'],
  ];
  for (const [err, status, code] of cases) {
    const a = errorAnswer(err);
    assert.equal(a.status, status, `${code}: ${a.body.error.message}`);
    assert.equal(a.body.error.code, code);
    assert.equal(a.headers['retry-after'] !== undefined, status === 503);
  }
  assert.match(errorAnswer(zod).body.error.message, /^dir: /);
});

test("the parser's own client errors get the API's error shape; a reset connection gets nothing", () => {
  assert.deepEqual(clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT', 3000), {
    status: 408,
    error: {
      code: 'TIMEOUT',
      message: 'the request did not arrive within 3000 ms (serve --request-timeout-ms)',
    },
  });
  assert.equal(clientErrorAnswer('HPE_HEADER_OVERFLOW', 3000)?.status, 431);
  assert.deepEqual(clientErrorAnswer('HPE_INVALID_METHOD', 3000)?.error.code, 'BAD_REQUEST');
  assert.equal(clientErrorAnswer('ECONNRESET', 3000), undefined);
});

test("a 503's Retry-After is what is left of the engine's own wait while it restarts or sits in error, else 1 s", () => {
  const err = {
    detail: { code: 'ERROR', failures: 3, windowMs: 60_000, retryInMs: 30_000, retryAt: 31_000 },
  } as const;
  assert.equal(retryAfterSeconds(err, 1_000), 30);
  assert.equal(retryAfterSeconds(err, 11_000), 20, 'counts down to the next try');
  assert.equal(retryAfterSeconds(err, 30_600), 1, 'never 0');
  assert.equal(retryAfterSeconds(err, 45_000), 1, 'past the try: ask again at once');
  assert.equal(
    retryAfterSeconds({ detail: { code: 'RESTARTING', attempt: 1, retryInMs: 250, retryAt: 1_250 } }, 1_000),
    1,
  );
  assert.equal(
    retryAfterSeconds(
      { detail: { code: 'RESTARTING', attempt: 4, retryInMs: 2_100, retryAt: 3_100 } },
      1_000,
    ),
    3,
  );
  assert.equal(retryAfterSeconds({ detail: { code: 'READY' } }), 1);
  const a = errorAnswer(
    new LanternError('ENGINE_UNAVAILABLE', 'the engine is in error'),
    retryAfterSeconds(err, 1_000),
  );
  assert.deepEqual([a.status, a.headers['retry-after']], [503, '30']);
});
