/** A client that stops reading its answer does not keep its connection and OCR slot for good. */
import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import { localDocuments } from '../../app/documents/document-reader';
import { startStack, TOKEN, until } from '../helpers/http';

test('an answer nobody reads is cut after the request timeout, and its slot is released', async () => {
  // A page image far larger than the socket buffers, so that the answer cannot all leave while the client sleeps.
  const big = new Uint8Array(32 * 2 ** 20);
  const stack = await startStack(
    { requestTimeoutMs: 1000 },
    { documents: { ...localDocuments, pageImage: () => Promise.resolve(big) } },
  );
  const metric = async (name: string) =>
    new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${stack.base}/metrics`)).text())?.[1];
  const socket = net.connect(stack.server.port, '127.0.0.1');
  try {
    await new Promise<void>((r) => socket.once('connect', r));
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('error', () => undefined);
    socket.write(
      `POST /api/page-image?page=1 HTTP/1.1\r\nHost: 127.0.0.1:${stack.server.port}\r\n` +
        `Authorization: Bearer ${TOKEN}\r\nContent-Type: application/pdf\r\nContent-Length: 4\r\n\r\n%PDF`,
    );
    // The client reads the head of the answer, then stops.
    await new Promise<void>((r) => socket.once('data', () => (socket.pause(), r())));
    await until(async () => (await metric('lantern_http_in_progress')) === '0', 20000);
    // The connection is gone too: resuming finds the answer cut short.
    let received = 0;
    socket.on('data', (c: Buffer) => (received += c.length));
    socket.resume();
    await closed;
    assert.ok(received < big.length, `${received} bytes of ${big.length} arrived`);
    assert.equal(await metric('lantern_http_in_progress'), '0');
    assert.match(
      await (await fetch(`${stack.base}/metrics`)).text(),
      /^lantern_http_requests_total\{route="\/api\/page-image",status="499"\} 1$/m,
    );
  } finally {
    socket.destroy();
    await stack.stop();
  }
});
