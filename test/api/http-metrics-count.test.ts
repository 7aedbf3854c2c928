/**
 * `lantern_http_requests_total` counts every answer a client got, by its status: also those no route saw (refused by
 * Node's parser, a malformed URL, an Expect the server does not meet, headers that never finished).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStack, TOKEN } from '../helpers/http';
import { head, rawExchange } from '../helpers/raw-http';

/** Sums `lantern_http_requests_total` by status, leaving out the scrapes of /metrics themselves. */
function byStatus(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^lantern_http_requests_total\{route="([^"]*)",status="(\d+)"\} (\d+)$/gm)) {
    if (m[1] === '/metrics') continue;
    out[m[2]!] = (out[m[2]!] ?? 0) + Number(m[3]);
  }
  return out;
}

test('every answer is counted once by the status the client got', { timeout: 60000 }, async () => {
  const stack = await startStack({ requestTimeoutMs: 1000 });
  const port = stack.server.port;
  const host = `127.0.0.1:${port}`;
  const auth = `Bearer ${TOKEN}`;
  try {
    const answers = await Promise.all([
      // Node's parser: an unknown method, headers too large, bytes that are not HTTP.
      rawExchange(port, [head('FOO', '/ocr', { Host: host })], 'stay'),
      rawExchange(port, [head('GET', '/health', { Host: host, 'X-Big': 'a'.repeat(20000) })], 'stay'),
      rawExchange(port, ['not http at all\r\n\r\n'], 'stay'),
      // The framework: a malformed %-escape in the path.
      rawExchange(port, [head('GET', '/api/%zz', { Host: host, Authorization: auth })], 'stay'),
      // Node itself: an Expect it does not meet.
      rawExchange(port, [head('GET', '/health', { Host: host, Expect: '100-foo' })], 'stay'),
      // Headers that never finish, and a body that never finishes.
      rawExchange(port, [`GET /health HTTP/1.1\r\nHost: ${host}\r\n`], 'stay'),
      rawExchange(
        port,
        [
          head('POST', '/ocr', {
            Host: host,
            Authorization: auth,
            'Content-Type': 'image/png',
            'Content-Length': 100,
          }) + 'x'.repeat(10),
        ],
        'stay',
      ),
      rawExchange(port, [head('GET', '/health', { Host: host })], 'stay'),
    ]);
    const got: Record<string, number> = {};
    for (const a of answers) got[a.status] = (got[a.status] ?? 0) + 1;
    assert.deepEqual(got, { 200: 1, 400: 3, 408: 2, 417: 1, 431: 1 });
    assert.deepEqual(byStatus(await (await fetch(`${stack.base}/metrics`)).text()), got);
  } finally {
    await stack.stop();
  }
});
