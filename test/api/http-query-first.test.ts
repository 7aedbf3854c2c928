/** A request's path and query are checked before its body is read: a mistyped option is answered at once. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startStack, TOKEN } from '../helpers/http';
import { rawExchange } from '../helpers/raw-http';

test(
  'POST /ocr with a bad query is answered 400 while its upload is still on the way',
  { timeout: 90000 },
  async () => {
    const stack = await startStack();
    try {
      const port = Number(new URL(stack.base).port);
      // Announces 20 MB and sends 1 KB, then waits: only an answer that does not need the body can come back.
      const head =
        `POST /ocr?output=docx HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
        'Content-Type: image/jpeg\r\nContent-Length: 20000000\r\n\r\n';
      const answer = await rawExchange(port, [head, new Uint8Array(1024)], 'stay');
      assert.equal(answer.status, 400, answer.text);
      assert.match(answer.text, /"code":"BAD_REQUEST"/);
      assert.match(answer.text, /bad query: output/);
      // A good query still reads its body.
      const ok = await fetch(`${stack.base}/ocr?output=json`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/jpeg' },
        body: new Uint8Array([1, 2, 3]),
      });
      assert.equal(ok.status, 400);
      assert.equal(((await ok.json()) as { error: { code: string } }).error.code, 'BAD_IMAGE');
    } finally {
      await stack.stop();
    }
  },
);
