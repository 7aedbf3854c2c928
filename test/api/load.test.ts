import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import autocannon from 'autocannon';
import { fixture } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';

test(
  '32 concurrent clients against 8 OCR slots until 50 are served: 200s and queue-full 503s with Retry-After only, server stays up',
  { timeout: 120000 },
  async () => {
    const stack = await startStack({ maxPending: 8 });
    try {
      await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
      const body = await readFile(fixture('plate_000.jpg'));
      const statuses = new Map<number, number>();
      const bodies503 = new Set<string>();
      let withoutRetryAfter = 0;
      // The load stops on what it waits for (more than 50 served, the cap answered with 503s), not after a set time;
      // the duration only bounds a server that never gets there, whose run then fails the same assertions.
      let load: autocannon.Instance | undefined;
      const enough = () => (statuses.get(200) ?? 0) > 50 && (statuses.get(503) ?? 0) > 0;
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        load = autocannon(
          {
            url: `${stack.base}/ocr`,
            method: 'POST',
            connections: 32,
            duration: 45,
            timeout: 30,
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/jpeg' },
            body,
            setupClient: (client) => {
              // autocannon passes the parser's headers object (status code + flat name/value list), not what its types say.
              client.on('headers', (raw) => {
                const h = raw as unknown as { statusCode: number; headers: string[] };
                const names = h.headers.filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
                if (h.statusCode === 503 && !names.includes('retry-after')) withoutRetryAfter++;
              });
              client.on('response', (status: number, _bytes: number, _t: number) => {
                statuses.set(status, (statuses.get(status) ?? 0) + 1);
                if (enough()) load?.stop();
              });
            },
          },
          (err: unknown, r: autocannon.Result) => (err ? reject(err as Error) : resolve(r)),
        );
      });
      for (const [status] of statuses)
        assert.ok(
          status === 200 || status === 503,
          `unexpected status ${status}: ${JSON.stringify([...statuses])} ${[...bodies503]}`,
        );
      assert.equal(result.errors, 0, 'no connection errors');
      assert.equal(result.timeouts, 0, 'no timeouts');
      assert.ok((statuses.get(200) ?? 0) > 50, `served ${statuses.get(200)} in ${result.duration} s`);
      assert.ok((statuses.get(503) ?? 0) > 0, `32 clients never reached the 8-slot cap: ${[...statuses]}`);
      assert.equal(withoutRetryAfter, 0, 'every 503 carries Retry-After');
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
