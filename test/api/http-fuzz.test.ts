/**
 * A seeded fuzz pass (fast-check) over request lines, headers and multipart structure against the real server and
 * engine: every request gets a 1xx-4xx or 503 answer or a closed socket, never a 5xx or a crash, and the server serves
 * a normal request afterwards. Bounded in count and time.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { fixture } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';
import { multipartBody, rawExchange } from '../helpers/raw-http';

let stack: Awaited<ReturnType<typeof startStack>>;
before(async () => {
  stack = await startStack({ maxBodyBytes: 64 * 1024, requestTimeoutMs: 5000 });
  await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
});
after(() => stack.stop());

const method = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('GET', 'POST') },
  fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'BREW', 'G\tT', ''),
);
const segment = fc.constantFrom(
  '/',
  'api',
  'ocr',
  'watch',
  'history',
  'settings',
  'batch',
  'status',
  'cancel',
  '%',
  '%zz',
  '%2F',
  '%00',
  '..',
  '?',
  '?token=',
  '?limit=-1',
  '?paragraphs=2',
  '%E0%A4%A',
  'é',
  '*',
  ' ',
  '//',
  '#',
);
const known = fc.constantFrom(
  '/health',
  '/ready',
  '/ocr',
  '/api/status',
  '/api/history',
  '/api/settings',
  '/favicon.ico',
);
const path = fc.oneof(
  { weight: 2, arbitrary: known },
  fc.array(segment, { maxLength: 6 }).map((s) => '/' + s.join('')),
);
const headerName = fc.constantFrom(
  'content-type',
  'content-length',
  'cookie',
  'authorization',
  'origin',
  'sec-fetch-site',
  'transfer-encoding',
  'x-file-name',
  'x-request-id',
  'accept',
  'host',
  'expect',
  'connection',
  'x-😀',
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    'multipart/form-data; boundary=zz',
    'multipart/form-data',
    'image/png',
    'application/json',
    'chunked',
    '-1',
    '99999999999',
    '0',
    `Bearer ${TOKEN}`,
    `bEaReR ${TOKEN}`,
    'Bearer',
    'lantern_token=%',
    `lantern_token=${TOKEN}`,
    'http://evil.example',
    'cross-site',
    '100-continue',
    'text/html',
    '%E0%A4%A',
    'close',
  ),
);
const part = fc.record({
  name: fc.constantFrom('file', 'other', ''),
  filename: fc.oneof(fc.constant('a.png'), fc.string({ maxLength: 12 })),
  bytes: fc.uint8Array({ maxLength: 300 }),
});
const body = fc.oneof(
  fc.constant(new Uint8Array()),
  fc.uint8Array({ maxLength: 400 }),
  fc.record({
    parts: fc.array(part, { maxLength: 4 }),
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  }),
);
const version = fc.oneof(
  { weight: 6, arbitrary: fc.constant('HTTP/1.1') },
  fc.constantFrom('HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 x', ''),
);
/** Bearer, the UI cookie, a cookie with a broken %-escape, or nothing. */
const auth = fc.constantFrom('bearer', 'cookie', 'bad-cookie', 'none');
const headers = fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 });
const host = fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, fc.constant(false));
/** Anything: random method, path, version, headers and body. */
const anyRequest = fc.record({ method, path, version, auth, host, headers, body });
/** Uploads to /ocr with a multipart structure to break: fields, names, parts, cuts before the closing boundary. */
const upload = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom('/ocr', '/ocr?paragraphs=1'),
  version: fc.constant('HTTP/1.1'),
  auth,
  host: fc.constant(true),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 1 }),
  body: fc.record({
    parts: fc.array(part, { maxLength: 4 }),
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  }),
});
const request = fc.oneof(anyRequest, upload);

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

/** Renders one generated request as bytes; a generated Content-Length may lie, otherwise the true one is sent. */
function render(r: Generated, port: number): Buffer {
  const payload =
    r.body instanceof Uint8Array
      ? Buffer.from(r.body)
      : multipartBody(
          'zz',
          r.body.parts.map((p) => ({ name: p.filename, bytes: p.bytes, field: p.name })),
          r.body.cut ?? undefined,
        );
  const lines = [`${r.method} ${r.path} ${r.version}`.trimEnd()];
  if (r.host) lines.push(`Host: 127.0.0.1:${port}`);
  if (r.auth === 'bearer') lines.push(`Authorization: Bearer ${TOKEN}`);
  if (r.auth === 'cookie') lines.push(`Cookie: lantern_token=${TOKEN}`);
  if (r.auth === 'bad-cookie') lines.push('Cookie: lantern_token=%E0%A4%A');
  if (!(r.body instanceof Uint8Array) && !r.headers.some(([k]) => k === 'content-type'))
    lines.push('Content-Type: multipart/form-data; boundary=zz');
  for (const [k, v] of r.headers) lines.push(`${k}: ${v.replace(/[\r\n]/g, ' ')}`);
  if (!r.headers.some(([k]) => k === 'content-length' || k === 'transfer-encoding'))
    lines.push(`Content-Length: ${payload.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8'), payload]);
}

test(
  'fuzzed request lines, headers and multipart bodies never get a 5xx (but 503) or crash the server',
  { timeout: 180000 },
  async () => {
    const port = stack.server.port;
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const a = await rawExchange(port, [render(r, port)], 'end');
        seen.set(a.status, (seen.get(a.status) ?? 0) + 1);
        return a.status <= 0 || a.status < 500 || a.status === 503;
      }),
      { seed: 2326, numRuns: 300, interruptAfterTimeLimit: 90000 },
    );
    console.log(`fuzz: statuses ${JSON.stringify(Object.fromEntries(seen))}`);
    const ok = await fetch(`${stack.base}/ocr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/jpeg' },
      body: await readFile(fixture('plate_000.jpg')),
    });
    assert.equal(ok.status, 200);
    assert.ok((seen.get(200) ?? 0) + (seen.get(202) ?? 0) > 0, 'some generated requests were valid');
  },
);
