/**
 * /metrics shows the engine worker's resident memory (the largest share of a pod's), from its heartbeat, and drops the
 * figure while no worker has answered one, rather than keep a dead worker's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { EngineStatus } from '../../app/contracts/status';
import { startStack, until } from '../helpers/http';

const GAUGE = /^lantern_engine_resident_memory_bytes (\d+)$/m;

/** The worker's own VmRSS in bytes, as the kernel counts it. */
const vmRss = (pid: number): number =>
  Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;

test(
  "the engine worker's memory is a gauge, gone while the worker is, back with the next one",
  { timeout: 120000, skip: process.platform !== 'linux' && 'reads /proc' },
  async () => {
    const stack = await startStack({}, { engine: { heartbeatMs: 200 } });
    const metrics = async () => (await fetch(`${stack.base}/metrics`)).text();
    try {
      await until(async () => GAUGE.test(await metrics()), 60000);
      const pid = stack.engine.status.pid!;
      const said = Number(GAUGE.exec(await metrics())![1]);
      const rss = vmRss(pid);
      // The models alone are tens of MiB resident; the heartbeat's figure is the worker's, not the server's.
      assert.ok(said > 50 * 2 ** 20, `says ${said} bytes`);
      assert.ok(said > rss / 2 && said < rss * 2, `says ${said}, the kernel ${rss}`);

      // Read at the status that says the worker is gone, before any new worker can answer a heartbeat.
      const gone = new Promise<string>((resolve) => {
        const off = stack.engine.onStatus((s: EngineStatus) => {
          if (s.state !== 'restarting') return;
          off();
          resolve(stack.server.metrics.render(s, 0));
        });
      });
      process.kill(pid, 'SIGKILL');
      const text = await gone;
      assert.doesNotMatch(text, GAUGE);
      assert.match(text, /^# TYPE lantern_engine_resident_memory_bytes gauge$/m);

      await until(async () => {
        const s = stack.engine.status;
        return s.pid !== null && s.pid !== pid && GAUGE.test(await metrics());
      }, 60000);
    } finally {
      await stack.stop();
    }
  },
);
