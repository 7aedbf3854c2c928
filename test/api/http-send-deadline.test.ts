/** A client that stops reading its answer does not keep its connection and OCR slot for good. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localDocuments } from '../../app/documents/document-reader';
import { startStack, TOKEN, until } from '../helpers/http';
import { head, stalledReader, type StalledReader } from '../helpers/raw-http';

test('an answer nobody reads is cut after the request timeout, and its slot is released', async () => {
  // A page image far larger than the socket buffers, so that the answer cannot all leave while the client sleeps.
  const big = new Uint8Array(32 * 2 ** 20);
  const stack = await startStack(
    { requestTimeoutMs: 1000 },
    { documents: { ...localDocuments, pageImage: () => Promise.resolve(big) } },
  );
  const metric = async (name: string) =>
    new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${stack.base}/metrics`)).text())?.[1];
  let reader: StalledReader | undefined;
  try {
    // The client reads the head of the answer, then stops.
    reader = await stalledReader(
      stack.server.port,
      head('POST', '/api/page-image?page=1', {
        Host: `127.0.0.1:${stack.server.port}`,
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/pdf',
        'Content-Length': 4,
      }) + '%PDF',
    );
    await until(async () => (await metric('lantern_http_in_progress')) === '0', 20000);
    // The connection is gone too: resuming finds the answer cut short.
    const received = await reader.drain();
    assert.ok(received < big.length, `${received} bytes of ${big.length} arrived`);
    assert.equal(await metric('lantern_http_in_progress'), '0');
    assert.match(
      await (await fetch(`${stack.base}/metrics`)).text(),
      /^lantern_http_requests_total\{route="\/api\/page-image",status="499"\} 1$/m,
    );
  } finally {
    reader?.socket.destroy();
    await stack.stop();
  }
});
