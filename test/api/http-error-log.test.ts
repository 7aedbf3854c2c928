/**
 * A 5xx is logged with what an operator needs to find it (status, code, the request's id, which the client gets in
 * `X-Request-Id`) and without the token a client put in the query string.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDocuments } from '../../app/documents/document-reader';
import { startStack, TOKEN } from '../helpers/http';

test('a 500 is logged with its status, code and request id, never with the query', async () => {
  const lines: string[] = [];
  const stack = await startStack(
    { log: (level, message) => lines.push(`${level} ${message}`) },
    {
      documents: {
        ...localDocuments,
        pageImage: () =>
          Promise.reject(new TypeError("Cannot read properties of undefined (reading 'width')")),
      },
    },
  );
  const post = (headers: Record<string, string>) =>
    fetch(`${stack.base}/api/page-image?page=1&token=${TOKEN}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/pdf', ...headers },
      body: '%PDF-1.7',
    });
  try {
    // A client's own id is its request's id.
    const named = await post({ 'x-request-id': 'client-42' });
    assert.equal(named.status, 500);
    assert.equal((await named.json()).error.code, 'INTERNAL');
    assert.equal(named.headers.get('x-request-id'), 'client-42');
    // Without one, the server names the request and says so.
    const anonymous = await post({});
    assert.equal(anonymous.status, 500);
    const id = anonymous.headers.get('x-request-id');
    assert.ok(id, 'the answer names its request');
    for (const rid of ['client-42', id]) {
      const line = lines.find((l) => l.includes(`(request ${rid})`));
      assert.ok(line, `a log line names request ${rid}: ${JSON.stringify(lines)}`);
      assert.match(
        line,
        /^warn POST \/api\/page-image 500 INTERNAL \(request [^)]+\): Cannot read properties/,
      );
    }
    assert.ok(!lines.some((l) => l.includes(TOKEN)), 'the token is not logged');
  } finally {
    await stack.stop();
  }
});
