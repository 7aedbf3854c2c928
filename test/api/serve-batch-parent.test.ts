/**
 * A batch over the parent of a watched folder (`serve --data DIR`, over the HTTP API): the watched folder's files are
 * the watch's, so the batch reads the rest and says which folder it left to the watch, instead of reading them twice.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { BatchProgress, WatchEvent } from '../../app/contracts/lantern-api';
import { startedServe } from '../helpers/serve-child';
import { plateVariant, tempDir } from '../watch/helpers';

/** `serve --data` as a child, resolved with its URL and token once it prints them. */
const startServe = (data: string) => startedServe(['--data', data]);

/** The `watch` events of the server's /events stream, each handed to `on` as it comes. */
async function watchEvents(
  base: string,
  token: string,
  on: (e: WatchEvent) => void,
): Promise<AbortController> {
  const stop = new AbortController();
  const res = await fetch(`${base}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: stop.signal,
  });
  assert.equal(res.status, 200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buf += value;
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const data = /^event: watch\ndata: (.*)$/s.exec(block)?.[1];
        if (data) on(JSON.parse(data) as WatchEvent);
      }
    }
  })();
  return stop;
}

test(
  'a batch over the parent of a watched folder reads the rest, leaves the watched one to its watch and says so',
  { timeout: 180_000 },
  async () => {
    const { dir: root, cleanup } = tempDir('lantern-batch-parent-');
    const scans = path.join(root, 'scans');
    const inbox = path.join(scans, 'inbox');
    mkdirSync(inbox, { recursive: true });
    mkdirSync(path.join(scans, 'old'));
    // Watched without sub-folders: its own files are the watch's, its sub-folder's are not.
    const flat = path.join(scans, 'flat');
    mkdirSync(path.join(flat, 'sub'), { recursive: true });
    writeFileSync(path.join(flat, 'own.jpg'), plateVariant('own'));
    writeFileSync(path.join(flat, 'sub', 'below.jpg'), plateVariant('below'));
    writeFileSync(path.join(inbox, 'arrived.jpg'), plateVariant('arrived'));
    writeFileSync(path.join(scans, 'top.jpg'), plateVariant('top'));
    writeFileSync(path.join(scans, 'old', 'kept.jpg'), plateVariant('kept'));
    const s = await startServe(path.join(root, 'data'));
    const events: WatchEvent[] = [];
    const waiters = new Set<() => void>();
    /** Resolves with the first event (seen or to come) that `pick` accepts. */
    const seen = <T extends WatchEvent>(pick: (e: WatchEvent) => e is T) =>
      new Promise<T>((resolve) => {
        const look = () => {
          const e = events.find(pick);
          if (e) resolve((waiters.delete(look), e));
        };
        waiters.add(look);
        look();
      });
    const stream = await watchEvents(s.base, s.token, (e) => {
      events.push(e);
      waiters.forEach((w) => w());
    });
    const call = async (p: string, body: unknown) => {
      const res = await fetch(`${s.base}${p}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    try {
      const added = await call('/api/watch', { dir: inbox, options: { recursive: true } });
      assert.equal(added.status, 201, JSON.stringify(added.body));
      assert.equal((await call('/api/watch', { dir: flat, options: { recursive: false } })).status, 201);
      const arrived = path.join(inbox, 'arrived.jpg');
      const own = path.join(flat, 'own.jpg');
      for (const p of [arrived, own])
        await seen((e): e is WatchEvent => e.type === 'file' && e.path === p && e.state !== 'queued');

      const started = await call('/api/watch/batch', { dir: scans, options: { recursive: true } });
      assert.equal(started.status, 202, JSON.stringify(started.body));
      const batchId = started.body.batchId as string;
      const end = await seen(
        (e): e is BatchProgress => e.type === 'batch' && e.batchId === batchId && e.state === 'finished',
      );
      assert.equal(
        end.total,
        3,
        'top.jpg, old/kept.jpg and flat/sub/below.jpg; not inbox/arrived.jpg, flat/own.jpg',
      );
      assert.equal(end.done, 3);
      assert.equal(end.skipped?.code, 'FOLDERS_WATCHED');
      assert.deepEqual(end.skipped?.dirs, [flat, inbox]);
      assert.match(end.skipped?.message ?? '', new RegExp(`${inbox.replace(/[/\\]/g, '\\$&')}`));
      const read = events
        .filter((e) => e.type === 'file' && e.state !== 'queued')
        .map((e) => e.type === 'file' && e.path);
      for (const p of [arrived, own])
        assert.equal(read.filter((r) => r === p).length, 1, `${p} is read once: ${read.join(', ')}`);
      assert.deepEqual(readdirSync(inbox).sort(), ['arrived.jpg', 'arrived.jpg.txt']);
      assert.ok(readdirSync(scans).includes('top.jpg.txt'), 'the rest is read');
      assert.ok(
        readdirSync(path.join(flat, 'sub')).includes('below.jpg.txt'),
        'a flat watch leaves its sub-folders',
      );
    } finally {
      stream.abort();
      s.child.kill('SIGTERM');
      await s.exited;
      cleanup();
    }
  },
);
