/**
 * A watched folder's pause recorded by an earlier `serve --data DIR` (its folder gone) tells the truth from the first
 * listing after a restart: still gone, it is FOLDER_UNAVAILABLE; back, it is not paused; switched off, it is off.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { WatchEvent, WatchFolder } from '../../app/contracts/lantern-api';
import { startedServe } from '../helpers/serve-child';
import { tempDir } from '../watch/helpers';

/** `serve --data` as a child, resolved with its URL and token once it prints them. */
async function startServe(data: string) {
  const s = await startedServe(['--data', data]);
  const { base } = s;
  const headers = { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' };
  const api = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    assert.ok(res.ok, `${method} ${route}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as T;
  };
  return { ...s, headers, api };
}

/** The server's /events stream of `folder` events, open once this resolves: `until` waits for one that `done` accepts. */
async function folderEvents(base: string, headers: Record<string, string>) {
  const stop = new AbortController();
  const res = await fetch(`${base}/events`, { headers, signal: stop.signal });
  assert.equal(res.status, 200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  const until = async (done: (f: WatchFolder) => boolean): Promise<void> => {
    for (;;) {
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const data = /^event: watch\ndata: (.*)$/s.exec(buf.slice(0, end))?.[1];
        buf = buf.slice(end + 2);
        const e = data ? (JSON.parse(data) as WatchEvent) : undefined;
        if (e?.type === 'folder' && done(e.folder)) return;
      }
      const { value, done: ended } = await reader.read();
      assert.ok(!ended, 'the event stream ended');
      buf += value;
    }
  };
  return { until, close: () => stop.abort() };
}

test(
  'a pause recorded before serve started is told truly, with its code, in the first listing',
  { timeout: 120_000 },
  async () => {
    const { dir: root, cleanup } = tempDir('lantern-pause-restart-');
    const data = path.join(root, 'data');
    const gone = path.join(root, 'gone');
    const back = path.join(root, 'back');
    const off = path.join(root, 'off');
    for (const d of [gone, back, off]) mkdirSync(d);
    const first = await startServe(data);
    try {
      const ids = new Map<string, string>();
      for (const dir of [gone, back, off]) {
        const f = await first.api<WatchFolder>('POST', '/api/watch', {
          dir,
          options: { outDir: `${dir}-out` },
        });
        ids.set(dir, f.id);
      }
      // Each folder removed is paused (and its reason kept in the ledger) before the server stops.
      const events = await folderEvents(first.base, first.headers);
      for (const dir of [gone, back, off]) {
        rmSync(dir, { recursive: true });
        await events.until((f) => f.dir === dir && f.pausedCode === 'FOLDER_UNAVAILABLE');
      }
      events.close();
      await first.api('PUT', `/api/watch/${ids.get(off)!}`, { enabled: false });
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    mkdirSync(back);
    const second = await startServe(data);
    try {
      const byDir = new Map((await second.api<WatchFolder[]>('GET', '/api/watch')).map((f) => [f.dir, f]));
      assert.equal(byDir.get(gone)?.pausedCode, 'FOLDER_UNAVAILABLE');
      assert.match(byDir.get(gone)?.pausedReason ?? '', /unavailable: folder not found/);
      assert.deepEqual(
        [byDir.get(back)?.pausedReason, byDir.get(back)?.pausedCode],
        [null, null],
        'back: not paused',
      );
      assert.equal(byDir.get(off)?.enabled, false);
      assert.deepEqual(
        [byDir.get(off)?.pausedReason, byDir.get(off)?.pausedCode],
        [null, null],
        'off: not checked, not paused',
      );
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      cleanup();
    }
  },
);
