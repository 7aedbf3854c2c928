import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import autocannon from 'autocannon';
import { fixture } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';

test(
  '32 concurrent clients for 20 s on loopback: no 5xx but the queue-full 503s, and the server stays up',
  { timeout: 120000 },
  async () => {
    const stack = await startStack();
    try {
      await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
      const body = await readFile(fixture('plate_000.jpg'));
      const statuses = new Map<number, number>();
      const bodies503 = new Set<string>();
      const result = await autocannon({
        url: `${stack.base}/ocr`,
        method: 'POST',
        connections: 32,
        duration: 20,
        timeout: 30,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/jpeg' },
        body,
        setupClient: (client) =>
          client.on('response', (status: number, _bytes: number, _t: number) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }),
      });
      for (const [status] of statuses)
        assert.ok(
          status === 200 || status === 503,
          `unexpected status ${status}: ${JSON.stringify([...statuses])} ${[...bodies503]}`,
        );
      assert.equal(result.errors, 0, 'no connection errors');
      assert.equal(result.timeouts, 0, 'no timeouts');
      assert.ok((statuses.get(200) ?? 0) > 50, `served ${statuses.get(200)} in 20 s`);
      const health = await fetch(`${stack.base}/health`);
      assert.equal(health.status, 200);
      assert.equal((await health.json()).restarts, 0);
      console.log(
        `load: ${JSON.stringify(Object.fromEntries(statuses))}, ${result.requests.average} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
      );
    } finally {
      await stack.stop();
    }
  },
);
