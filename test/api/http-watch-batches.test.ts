/** GET /api/watch/batch: a page that loads after a batch started sees it (running or paused), not one that ended. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { BatchProgress, WatchEvent } from '../../app/contracts/lantern-api';
import { startHttpServer } from '../../app/http/server';
import { Ledger } from '../../app/watch/ledger';
import { WatchManager } from '../../app/watch/watch-manager';
import { makeHost } from '../helpers/engine';
import { TOKEN } from '../helpers/http';
import { plateVariant, tempDir } from '../watch/helpers';

/** A folder of `n` distinct plate images under `root`. */
function plates(root: string, name: string, n: number): string {
  const dir = path.join(root, name);
  mkdirSync(dir);
  for (let i = 0; i < n; i++) writeFileSync(path.join(dir, `${name}-${i}.jpg`), plateVariant(`${name}${i}`));
  return dir;
}

test(
  'GET /api/watch/batch lists a paused batch with its progress, not a finished or a cancelled one',
  { timeout: 120_000 },
  async () => {
    const { dir: root, cleanup } = tempDir('lantern-batches-');
    const { host: engine } = makeHost();
    engine.start();
    const ledger = Ledger.open(':memory:');
    const watch = new WatchManager({ ledger, service: engine, concurrency: 1 });
    const server = await startHttpServer({
      backend: { engine, history: ledger.history, watch },
      host: '127.0.0.1',
      port: 0,
      token: TOKEN,
    });
    const base = server.url.replace(/\/$/, '');
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${base}${p}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      assert.ok(res.ok, `${method} ${p}: ${res.status} ${await res.clone().text()}`);
      return res.json();
    };
    const seen: BatchProgress[] = [];
    const looks = new Set<() => void>();
    watch.onEvent((e: WatchEvent) => {
      if (e.type === 'batch') seen.push(e);
      looks.forEach((l) => l());
    });
    /** Resolves with the event that ended batch `batchId` (seen already, or when it comes). */
    const ended = (batchId: string) =>
      new Promise<BatchProgress>((resolve) => {
        const look = () => {
          const e = seen.find(
            (x) => x.batchId === batchId && (x.state === 'finished' || x.state === 'cancelled'),
          );
          if (e) resolve((looks.delete(look), e));
        };
        looks.add(look);
        look();
      });
    try {
      const paused = plates(root, 'paused', 4);
      const a = (await call('POST', '/api/watch/batch', { dir: paused })) as { batchId: string };
      await call('POST', `/api/watch/batch/${a.batchId}`, { action: 'pause' });

      const whole = (await call('POST', '/api/watch/batch', { dir: plates(root, 'whole', 1) })) as {
        batchId: string;
      };
      assert.equal((await ended(whole.batchId)).state, 'finished');

      const listed = (await call('GET', '/api/watch/batch')) as BatchProgress[];
      assert.deepEqual(
        listed.map((p) => [p.type, p.batchId, p.dir, p.state, p.total]),
        [['batch', a.batchId, paused, 'paused', 4]],
      );
      assert.ok(listed[0]!.done < 4, 'the paused batch has files left');

      await call('POST', `/api/watch/batch/${a.batchId}`, { action: 'cancel' });
      assert.equal((await ended(a.batchId)).state, 'cancelled');
      assert.deepEqual(await call('GET', '/api/watch/batch'), []);
    } finally {
      await server.close();
      await watch.close();
      ledger.close();
      await engine.stop(1000);
      cleanup();
    }
  },
);
