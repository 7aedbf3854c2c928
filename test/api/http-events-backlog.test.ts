/** An event stream whose client stops reading is cut, not buffered for without end. */
import assert from 'node:assert/strict';
import net from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { test } from 'node:test';
import { startStack, TOKEN } from '../helpers/http';

test(
  '/events cuts a client that stops reading instead of holding every status event for it',
  { timeout: 60000 },
  async () => {
    const stack = await startStack();
    const socket = net.connect(stack.server.port, '127.0.0.1');
    try {
      await new Promise<void>((r) => socket.once('connect', r));
      const closed = new Promise<void>((r) => socket.once('close', () => r()));
      socket.on('error', () => undefined);
      socket.write(
        `GET /events HTTP/1.1\r\nHost: 127.0.0.1:${stack.server.port}\r\nAuthorization: Bearer ${TOKEN}\r\n\r\n`,
      );
      await new Promise<void>((r) => socket.once('data', () => (socket.pause(), r())));
      // Each status change is an event (about 2 KB): 20,000 of them are far more than the socket buffers take.
      for (let i = 0; i < 20000; i++) {
        stack.engine.reconfigure({});
        if (i % 500 === 0) await tick();
      }
      let received = 0;
      socket.on('data', (c: Buffer) => (received += c.length));
      socket.resume();
      await closed;
      assert.ok(received > 0);
      // The server still streams to a client that reads.
      const res = await fetch(`${stack.base}/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    } finally {
      socket.destroy();
      await stack.stop();
    }
  },
);
