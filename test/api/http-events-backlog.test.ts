/** An event stream whose client stops reading is cut, not buffered for without end. */
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { test } from 'node:test';
import { startStack, TOKEN } from '../helpers/http';
import { head, stalledReader, type StalledReader } from '../helpers/raw-http';

test(
  '/events cuts a client that stops reading instead of holding every status event for it',
  { timeout: 60000 },
  async () => {
    const stack = await startStack();
    let reader: StalledReader | undefined;
    try {
      reader = await stalledReader(
        stack.server.port,
        head('GET', '/events', { Host: `127.0.0.1:${stack.server.port}`, Authorization: `Bearer ${TOKEN}` }),
      );
      // Each status change is an event (about 2 KB): 20,000 of them are far more than the socket buffers take.
      for (let i = 0; i < 20000; i++) {
        stack.engine.reconfigure({});
        if (i % 500 === 0) await tick();
      }
      assert.ok((await reader.drain()) > 0);
      // The server still streams to a client that reads.
      const res = await fetch(`${stack.base}/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(res.status, 200);
      await res.body?.cancel();
    } finally {
      reader?.socket.destroy();
      await stack.stop();
    }
  },
);
