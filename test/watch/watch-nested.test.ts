/**
 * Nested watched folders: a folder already covered by another watched folder (a recursive parent, the same folder by
 * another path) is refused with FOLDER_OVERLAP naming the one that covers it, through the watch manager and over
 * POST /api/watch; a non-recursive parent does not cover its sub-folders.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import { startHttpServer } from '../../app/http/server';
import { Ledger } from '../../app/watch/ledger';
import { WatchManager } from '../../app/watch/watch-manager';
import { makeHost } from '../helpers/engine';
import { TOKEN } from '../helpers/http';
import { tempDir } from './helpers';

/** Whether `e` is a FOLDER_OVERLAP naming `dir` as the folder that already covers the new one. */
const overlap = (dir: string) => (e: unknown) =>
  e instanceof LanternError &&
  e.code === 'FOLDER_OVERLAP' &&
  e.message.includes(`the watched folder ${dir} `);

test('a folder covered by another watched folder is refused, naming the one that covers it', async () => {
  const { dir: root, cleanup } = tempDir('lantern-nested-');
  const { host } = makeHost();
  const ledger = Ledger.open(':memory:');
  const watch = new WatchManager({ ledger, service: host, pollMs: 200 });
  try {
    const parent = path.join(root, 'scans');
    const child = path.join(parent, 'invoices');
    const other = path.join(root, 'other');
    const otherChild = path.join(other, 'inner');
    mkdirSync(child, { recursive: true });
    mkdirSync(otherChild, { recursive: true });
    symlinkSync(parent, path.join(root, 'link'));

    await watch.add(parent, { recursive: true });
    await assert.rejects(watch.add(child), overlap(parent), 'a sub-folder of a recursive folder');
    await assert.rejects(watch.add(path.join(root, 'link')), overlap(parent), 'the same folder by a link');
    await assert.rejects(
      watch.add(path.join(root, 'link', 'invoices')),
      overlap(parent),
      'a sub-folder by a link',
    );
    // The folder itself with new options is an update, not an overlap.
    await watch.add(parent, { recursive: true, formats: ['txt', 'json'] });
    // A batch of a folder the watched one already reads is refused too, until that one is paused.
    await assert.rejects(watch.batch(child), overlap(parent), 'a batch inside a watched folder');
    const parentId = watch.list().find((f) => f.dir === parent)!.id;
    await watch.setEnabled(parentId, false);
    assert.equal((await (await watch.batch(child)).ended).state, 'finished');
    await watch.setEnabled(parentId, true);

    // The other way round: a folder inside, then its parent made recursive.
    await watch.add(otherChild);
    await assert.rejects(watch.add(other, { recursive: true }), overlap(otherChild), 'a recursive parent');
    // A non-recursive parent reads only its own files: its sub-folders are not covered.
    await watch.add(other);
    await assert.rejects(watch.add(other, { recursive: true }), overlap(otherChild), 'made recursive later');
    assert.deepEqual(
      watch
        .list()
        .map((f) => f.dir)
        .sort(),
      [other, otherChild, parent].sort(),
    );
  } finally {
    await watch.close();
    ledger.close();
    cleanup();
  }
});

test('POST /api/watch answers 409 FOLDER_OVERLAP for a folder inside a recursive watched folder', async () => {
  const { dir: root, cleanup } = tempDir('lantern-nested-http-');
  const { host: engine } = makeHost();
  const ledger = Ledger.open(':memory:');
  const watch = new WatchManager({ ledger, service: engine, pollMs: 200 });
  const server = await startHttpServer({
    backend: { engine, history: ledger.history, watch },
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
  });
  try {
    const child = path.join(root, 'sub');
    mkdirSync(child);
    const post = (dir: string, options: object = {}) =>
      fetch(`${server.url.replace(/\/$/, '')}/api/watch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ dir, options }),
      });
    assert.equal((await post(root, { recursive: true })).status, 201);
    const res = await post(child);
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(res.status, 409, JSON.stringify(body));
    assert.equal(body.error.code, 'FOLDER_OVERLAP');
    assert.match(body.error.message, new RegExp(`the watched folder ${root} `));
    assert.equal(watch.list().length, 1);
  } finally {
    await server.close();
    await watch.close();
    ledger.close();
    cleanup();
  }
});
