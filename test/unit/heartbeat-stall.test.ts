/**
 * The host's own stall is not the worker's silence: after this process's event loop was blocked, the beat timer runs
 * before the worker's messages that arrived meanwhile are read, and must not take the worker for hung.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { Heartbeat } from '../../app/engine/heartbeat';

test('a blocked event loop in the host does not make a talking worker count as silent', async () => {
  // A worker that talks all the time, as a busy engine worker's replies and pongs do.
  const worker = new Worker(
    'setInterval(() => require("node:worker_threads").parentPort.postMessage(1), 20);',
    {
      eval: true,
    },
  );
  let silent = 0;
  let beats = 0;
  let resolveBeats = () => {};
  const beatsDone = new Promise<void>((r) => (resolveBeats = r));
  const hb = new Heartbeat(
    { heartbeatMs: 100, hangTimeoutMs: 2000, startTimeoutMs: 2000 },
    {
      phase: () => {
        if (++beats === 25) resolveBeats();
        return 'ready';
      },
      silent: () => silent++,
      ping: () => Promise.resolve({ rss: 0 }),
      answered: () => undefined,
    },
  );
  worker.on('message', () => hb.heard());
  try {
    await once(worker, 'message');
    hb.start();
    // The host blocks for twice the hang timeout (a long synchronous call) while the worker goes on talking; the next
    // turn of the event loop runs its due timers, the beat among them, before it reads the messages that came meanwhile.
    setImmediate(() => {
      const until = Date.now() + 4000;
      while (Date.now() < until);
    });
    await beatsDone;
    assert.equal(silent, 0, 'the worker was taken for silent after the host stalled');
  } finally {
    hb.stop();
    await worker.terminate();
  }
});
