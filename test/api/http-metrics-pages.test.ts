/** /metrics counts the pages POST /ocr reads, by how they were read, beside the requests that carried them. */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';
import { bornDigitalPdf, img2pdf } from '../helpers/pdf-fixtures';
import { tempFolder } from '../helpers/temp-folder';

test('an image is one page, a document each of its pages', { timeout: 90000 }, async (t) => {
  const stack = await startStack();
  const dir = tempFolder('lantern-metrics-pages-', t);
  const post = async (body: Uint8Array, type: string) => {
    const res = await fetch(`${stack.base}/ocr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': type },
      body: new Uint8Array(body),
    });
    assert.equal(res.status, 200, await res.text());
  };
  try {
    await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
    await post(readFileSync(fixture('plate_000.jpg')), 'image/jpeg');
    const scans = img2pdf([fixture('plate_003.jpg'), fixture('plate_028.jpg')], path.join(dir, 'two.pdf'));
    await post(readFileSync(scans), 'application/pdf');
    await post(await bornDigitalPdf(['Quarterly report']), 'application/pdf');
    const text = await (await fetch(`${stack.base}/metrics`)).text();
    assert.match(text, /^# TYPE lantern_ocr_pages_total counter$/m);
    assert.match(text, /^lantern_ocr_pages_total\{source="ocr"\} 3$/m);
    assert.match(text, /^lantern_ocr_pages_total\{source="pdf-text"\} 1$/m);
    assert.match(text, /^lantern_ocr_duration_seconds_count 3$/m);
  } finally {
    await stack.stop();
  }
});

test(
  'a client that leaves partway through a document: the pages read before it left are counted',
  { timeout: 120000 },
  async () => {
    const stack = await startStack();
    const dir = mkdtempSync(path.join(tmpdir(), 'lantern-metrics-cut-'));
    const ac = new AbortController();
    try {
      await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
      const pdf = readFileSync(
        img2pdf(Array<string>(6).fill(fixture('sroie_006.jpg')), path.join(dir, 'six.pdf')),
      );
      // The document's page events, so that the client leaves once two pages are read, whatever the machine's speed.
      const events = await fetch(`${stack.base}/events`, {
        headers: { authorization: `Bearer ${TOKEN}` },
        signal: ac.signal,
      });
      const stream = events.body!.pipeThrough(new TextDecoderStream()).getReader();
      // A raw socket, cut by the client as a browser tab that closes would.
      const socket = net.connect(stack.server.port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write(
        `POST /ocr HTTP/1.1\r\nHost: 127.0.0.1:${stack.server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n` +
          `Content-Type: application/pdf\r\nX-Request-Id: leaver\r\nContent-Length: ${pdf.length}\r\n\r\n`,
      );
      socket.write(pdf);
      let buf = '';
      let read = 0;
      while (read < 2) {
        const r = await stream.read();
        assert.ok(!r.done, 'the event stream ended');
        buf += r.value;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          if (/^event: page\ndata: .*"requestId":"leaver"/m.test(buf.slice(0, i))) read++;
          buf = buf.slice(i + 2);
        }
      }
      socket.destroy();
      const metrics = async () => (await fetch(`${stack.base}/metrics`)).text();
      await until(async () =>
        /^lantern_http_requests_total\{route="\/ocr",status="499"\} 1$/m.test(await metrics()),
      );
      const counted = Number(/^lantern_ocr_pages_total\{source="ocr"\} (\d+)$/m.exec(await metrics())?.[1]);
      assert.ok(
        counted >= 2 && counted < 6,
        `${counted} pages counted, 2 or more were read before the client left`,
      );
    } finally {
      ac.abort();
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
