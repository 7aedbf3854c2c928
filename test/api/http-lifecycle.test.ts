/** Requests end exactly once: a client that leaves cancels its queued engine job, and bookkeeping never fails a result. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { test } from 'node:test';
import { exactMatch } from '../../app/eval/metrics';
import { waitForStatus } from '../helpers/engine';
import { fixture, groundTruth } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';
import { head, rawExchange } from '../helpers/raw-http';

const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/jpeg' };

test('a history that throws does not fail an OCR that succeeded', async () => {
  const history = {
    list: () => [],
    remove: () => {},
    clear: () => {},
    add: () => {
      throw new Error('disk full');
    },
  };
  const stack = await startStack({}, { history });
  try {
    await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
    const res = await fetch(`${stack.base}/ocr`, {
      method: 'POST',
      headers,
      body: new Uint8Array(await readFile(fixture('plate_000.jpg'))),
    });
    assert.equal(res.status, 200);
    assert.ok(exactMatch(((await res.json()) as { text: string }).text, groundTruth('plate_000.jpg')));
  } finally {
    await stack.stop();
  }
});

test('clients that leave cancel their queued jobs; the running ones still answer', async () => {
  // A stopped worker holds the engine still, so the queue is observed, not raced; the watchdog is out of the way.
  const stack = await startStack({}, { engine: { maxInFlight: 2, hangTimeoutMs: 600000 } });
  const pid = (await waitForStatus(stack.engine, (s) => s.state === 'ready')).pid!;
  const body = new Uint8Array(await readFile(fixture('plate_000.jpg')));
  const post = (signal?: AbortSignal) =>
    fetch(`${stack.base}/ocr`, { method: 'POST', headers, body, ...(signal ? { signal } : {}) });
  process.kill(pid, 'SIGSTOP');
  try {
    const quitter = new AbortController();
    const running = [post()];
    const runningGone = post(quitter.signal).catch((e: unknown) => e);
    await until(() => stack.engine.status.inFlight === 2);
    quitter.abort(); // a running job's client leaves too: its work finishes, but nobody got an answer
    const leaving = Array.from({ length: 5 }, () => new AbortController());
    const gone = leaving.map((c) => post(c.signal).catch((e: unknown) => e));
    await until(() => stack.engine.status.queue === 5);
    for (const c of leaving) c.abort();
    await until(() => stack.engine.status.queue === 0);
    for (const e of await Promise.all(gone)) assert.equal((e as Error).name, 'AbortError');
    process.kill(pid, 'SIGCONT');
    for (const res of await Promise.all(running)) assert.equal(res.status, 200);
    assert.equal(((await runningGone) as Error).name, 'AbortError');
    const metric = async (name: string) =>
      new RegExp(`^${name} (\\d+)$`, 'm').exec(await (await fetch(`${stack.base}/metrics`)).text())?.[1];
    await until(async () => (await metric('lantern_http_in_progress')) === '0');
    // Only the answer that went out is a latency; the six that left are 499s.
    assert.equal(await metric('lantern_ocr_duration_seconds_count'), '1');
    assert.ok(
      exactMatch(((await (await post()).json()) as { text: string }).text, groundTruth('plate_000.jpg')),
    );
  } finally {
    process.kill(pid, 'SIGCONT');
    await stack.stop();
  }
});

test('closing: an answer still in progress goes out with Connection: close, then the server is gone', async () => {
  const stack = await startStack({}, { engine: { hangTimeoutMs: 600000 } });
  const pid = (await waitForStatus(stack.engine, (s) => s.state === 'ready')).pid!;
  const body = await readFile(fixture('plate_000.jpg'));
  const port = stack.server.port;
  process.kill(pid, 'SIGSTOP');
  try {
    const h = head('POST', '/ocr', {
      host: `127.0.0.1:${port}`,
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'image/jpeg',
      'content-length': body.length,
      connection: 'keep-alive',
    });
    const answer = rawExchange(port, [h, body], 'stay');
    await until(() => stack.engine.status.inFlight === 1);
    const closed = stack.server.close(60000);
    process.kill(pid, 'SIGCONT');
    const a = await answer;
    assert.equal(a.status, 200);
    assert.match(a.text, /\r\nconnection: close\r\n/i);
    await closed;
    await assert.rejects(fetch(`${stack.base}/health`));
  } finally {
    process.kill(pid, 'SIGCONT');
    await stack.stop();
  }
});

test('request bodies held at once are bounded by bytes: past the budget a body waits its turn (503 QUEUE_FULL)', async () => {
  const stack = await startStack({ maxHeldBytes: 256 * 1024 });
  const receipt = new Uint8Array(await readFile(fixture('sroie_006.jpg'))); // 204 KiB
  const plate = new Uint8Array(await readFile(fixture('plate_000.jpg')));
  const post = (body: Uint8Array<ArrayBuffer>) =>
    fetch(`${stack.base}/ocr`, { method: 'POST', headers, body });
  const inProgress = async () =>
    /^lantern_http_in_progress (\d+)$/m.exec(await (await fetch(`${stack.base}/metrics`)).text())?.[1];
  try {
    await waitForStatus(stack.engine, (s) => s.state === 'ready');
    // A slow upload holds its declared 204 KiB while its body trickles in.
    const slow = http.request(`${stack.base}/ocr`, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(receipt.length) },
    });
    slow.on('error', () => {}); // destroyed below
    slow.write(receipt.subarray(0, 1024));
    await until(async () => (await inProgress()) === '1');
    const refused = await post(receipt);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '1');
    const { error } = (await refused.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, 'QUEUE_FULL');
    assert.equal(
      error.message,
      'too many request bodies in memory (204 KiB of 256 KiB held; this one is 204 KiB)',
    );
    // A small body still fits beside it.
    assert.equal((await post(plate)).status, 200);
    slow.destroy();
    await until(async () => (await inProgress()) === '0');
    const after = await post(receipt);
    assert.equal(after.status, 200);
    assert.match(((await after.json()) as { text: string }).text, /SOON HUAT/);
  } finally {
    await stack.stop();
  }
});
