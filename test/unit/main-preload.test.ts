import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LanternError, receivedError } from '../../app/contracts/errors';
import type { WatchEvent, WatchFolder } from '../../app/contracts/lantern-api';
import { DEFAULT_SETTINGS } from '../../app/contracts/settings';
import type { EngineStatus } from '../../app/contracts/status';
import type { OcrResult } from '../../app/ocr/types';
import { eventChannel, PREWARM_CHANNEL } from '../../main/ipc-channels';
import { setupIpc, type IpcMainLike } from '../../main/ipc';
import { setupIpcEvents } from '../../main/ipc-events';
import { PathGrants } from '../../main/path-grants';
import { createPreloadApi, type IpcRendererLike } from '../../main/preload-api';
import type { IpcEventLike } from '../../main/sender-check';

type Listener = (event: unknown, payload: unknown) => void;

/**
 * A renderer ↔ main loopback: the fake ipcRenderer's invoke reaches the handlers setupIpc registered, with an event
 * whose frame URL is the one the test chooses; main's broadcasts reach the renderer's listeners.
 */
function loopback(frameUrl = 'lantern://app/index.html') {
  const handlers = new Map<string, (e: IpcEventLike, p?: unknown) => Promise<unknown>>();
  const mainListeners = new Map<string, (e: IpcEventLike, p?: unknown) => void>();
  const rendererListeners = new Map<string, Set<Listener>>();
  const event = (): IpcEventLike => ({ sender: { id: 1 }, senderFrame: { url: frameUrl, parent: null } });
  const ipcMain: IpcMainLike = {
    handle: (ch, fn) => void handlers.set(ch, fn),
    on: (ch, fn) => void mainListeners.set(ch, fn),
  };
  const sentEvents: unknown[] = [];
  const ipcRenderer: IpcRendererLike = {
    invoke: async (ch, ...args) => {
      // Structured clone, as Electron's IPC does: no functions or class instances cross.
      const payload = args.length ? structuredClone(args[0]) : undefined;
      return handlers.get(ch)!(event(), payload);
    },
    send: (ch, ...args) => mainListeners.get(ch)!(event(), args[0]),
    on: (ch, l) => {
      if (!rendererListeners.has(ch)) rendererListeners.set(ch, new Set());
      rendererListeners.get(ch)!.add(l);
    },
    removeListener: (ch, l) => void rendererListeners.get(ch)?.delete(l),
  };
  const broadcast = (ch: string, payload: unknown) => {
    const fakeIpcEvent = { sender: { secret: 'ipcRenderer internals' } };
    for (const l of rendererListeners.get(ch) ?? []) l(fakeIpcEvent, structuredClone(payload));
    sentEvents.push(payload);
  };
  return { ipcMain, ipcRenderer, broadcast, rendererListeners, sentEvents };
}

const status = (state: EngineStatus['state']) => ({ state, modelLoaded: state === 'ready' }) as EngineStatus;
const RESULT = {
  width: 1,
  height: 1,
  lines: [],
  text: 'hello',
  ms: {},
  provider: 'cpu',
} as unknown as OcrResult;

function app(frameUrl?: string) {
  const lb = loopback(frameUrl);
  let current = status('loading');
  const statusCbs = new Set<(s: EngineStatus) => void>();
  const watchCbs = new Set<(e: WatchEvent) => void>();
  const added: string[] = [];
  let prewarms = 0;
  const engine = {
    get status() {
      return current;
    },
    onStatus: (cb: (s: EngineStatus) => void) => {
      statusCbs.add(cb);
      return () => statusCbs.delete(cb);
    },
    recognize: async (input: { kind: string; bytes?: Uint8Array }) => {
      if (input.kind === 'bytes' && input.bytes?.[0] === 0)
        throw new LanternError('BAD_IMAGE', 'cannot decode');
      return RESULT;
    },
    cancel: () => false,
    prewarm: () => void prewarms++,
    retry: () => {},
  };
  const watch = {
    list: () => [],
    add: (dir: string) => {
      added.push(dir);
      return { id: 'f1', dir } as WatchFolder;
    },
    remove: () => {},
    setEnabled: () => ({}) as WatchFolder,
    failed: () => [],
    retry: () => {},
    startBatch: async (dir: string) => ({ batchId: `b:${dir}` }),
    batches: () => [],
    batchControl: () => true,
    ledgerStatus: () => ({ notice: null }),
    onEvent: (cb: (e: WatchEvent) => void) => {
      watchCbs.add(cb);
      return () => watchCbs.delete(cb);
    },
  };
  setupIpc({
    ipcMain: lb.ipcMain,
    engine,
    history: { list: () => [], remove: () => {}, clear: () => {}, add: () => {} },
    settings: { get: () => DEFAULT_SETTINGS, set: async () => DEFAULT_SETTINGS },
    watch,
    grants: new PathGrants(),
    isOurWebContents: (id) => id === 1,
    chooseFolder: async () => null,
    log: () => {},
  });
  setupIpcEvents({ engine, watch, broadcast: lb.broadcast });
  const droppedPaths = new Map<object, string>();
  let t = 0;
  const { api, desktop } = createPreloadApi(
    lb.ipcRenderer,
    { getPathForFile: (f) => droppedPaths.get(f as object) ?? '' },
    { prewarmIntervalMs: 1000, now: () => t },
  );
  return {
    api,
    desktop,
    lb,
    added,
    droppedPaths,
    publish: (s: EngineStatus) => {
      current = s;
      for (const cb of statusCbs) cb(s);
    },
    emitWatch: (e: WatchEvent) => {
      for (const cb of watchCbs) cb(e);
    },
    advance: (ms: number) => (t += ms),
    get prewarms() {
      return prewarms;
    },
  };
}

test('window.lantern exposes named functions only: no ipcRenderer, no invoke/send/on passthrough', () => {
  const { api, desktop, lb } = app();
  const leaves: [string, unknown][] = [];
  const walk = (o: object, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object') walk(v, `${prefix}${k}.`);
      else leaves.push([`${prefix}${k}`, v]);
    }
  };
  walk(api, '');
  walk(desktop, 'desktop.');
  for (const [name, v] of leaves) {
    assert.equal(typeof v, 'function', `${name} is a function`);
    assert.notEqual(v, lb.ipcRenderer.invoke);
    assert.notEqual(v, lb.ipcRenderer.send);
    assert.notEqual(v, lb.ipcRenderer.on);
  }
  assert.deepEqual(leaves.map(([n]) => n).sort(), [
    'cancel',
    'desktop.chooseFolder',
    'desktop.documents.pageImage',
    'desktop.documents.recognize',
    'desktop.documents.searchablePdf',
    'desktop.imageAt',
    'desktop.onOpened',
    'desktop.pathForFile',
    'getStatus',
    'history.clear',
    'history.list',
    'history.remove',
    'onConnection',
    'onPage',
    'onStatus',
    'pageImage',
    'prewarm',
    'recognize',
    'recognizeDocument',
    'retry',
    'searchablePdf',
    'settings.get',
    'settings.set',
    'watch.add',
    'watch.batch',
    'watch.batchControl',
    'watch.batches',
    'watch.failed',
    'watch.ledger',
    'watch.list',
    'watch.onEvent',
    'watch.remove',
    'watch.retry',
    'watch.setEnabled',
  ]);
});

test('recognize round-trips through main; an engine error rejects with its code in the message', async () => {
  const { api } = app();
  assert.deepEqual(await api.recognize({ name: 'a.png', bytes: new Uint8Array([1, 2, 3]) }), RESULT);
  await assert.rejects(
    api.recognize({ name: 'b.png', bytes: new Uint8Array([0, 1]) }),
    (e: Error & { code: string }) => {
      assert.equal(e.message, 'BAD_IMAGE: cannot decode');
      assert.equal(e.code, 'BAD_IMAGE');
      return true;
    },
  );
});

test('the page gets the code of a preload rejection back from its message, which is all contextBridge copies', async () => {
  const { api } = app();
  const rejected = await api
    .recognize({ name: 'b.png', bytes: new Uint8Array([0, 1]) })
    .catch((e: Error) => e);
  // What the page holds: a new Error with the message only (Electron's contextBridge drops other properties).
  const crossed = new Error((rejected as Error).message);
  assert.deepEqual(receivedError(crossed), { code: 'BAD_IMAGE', message: 'cannot decode' });
  assert.deepEqual(receivedError(new LanternError('CANCELLED', 'cancelled')), {
    code: 'CANCELLED',
    message: 'cancelled',
  });
  // A message that only looks like one keeps its words and reads as INTERNAL.
  assert.deepEqual(receivedError(new Error('NOT_A_CODE: x')), { code: 'INTERNAL', message: 'NOT_A_CODE: x' });
  assert.deepEqual(receivedError('boom'), { code: 'INTERNAL', message: 'boom' });
});

test('a page not served from lantern://app/ gets FORBIDDEN for every call', async () => {
  const { api } = app('https://evil.example/');
  await assert.rejects(api.getStatus(), /^LanternError: FORBIDDEN: lantern:getStatus: refused/);
  await assert.rejects(api.settings.get(), /FORBIDDEN/);
});

test('onStatus delivers the current status, then pushed ones (payload only), until unsubscribed', async () => {
  const a = app();
  const got: unknown[] = [];
  const off = a.api.onStatus((s) => got.push(s));
  await new Promise((r) => setImmediate(r));
  a.publish(status('ready'));
  a.publish(status('busy'));
  off();
  a.publish(status('ready'));
  assert.deepEqual(
    got.map((s) => (s as EngineStatus).state),
    ['loading', 'ready', 'busy'],
  );
  assert.equal(a.lb.rendererListeners.get(eventChannel('status'))?.size, 0, 'the listener was removed');
  for (const s of got) assert.ok(!('sender' in (s as object)), 'the IpcRendererEvent never reaches the page');
});

test('watch.onEvent subscribes and unsubscribes', () => {
  const a = app();
  const got: WatchEvent[] = [];
  const off = a.api.watch.onEvent((e) => got.push(e));
  const e: WatchEvent = { type: 'file', folderId: 'f1', path: 'a.png', state: 'done' };
  a.emitWatch(e);
  off();
  a.emitWatch(e);
  assert.deepEqual(got, [e]);
});

test('pathForFile: a dropped File grants its path, so watch.add of it is allowed; a constructed File grants nothing', async () => {
  const a = app();
  await assert.rejects(a.api.watch.add('/home/u/Inbox', {}), /FORBIDDEN/);
  const dropped = {} as File;
  a.droppedPaths.set(dropped, '/home/u/Inbox');
  assert.equal(a.desktop.pathForFile(dropped), '/home/u/Inbox');
  await a.api.watch.add('/home/u/Inbox', {});
  assert.deepEqual(a.added, ['/home/u/Inbox']);
  assert.equal(a.desktop.pathForFile({} as File), '');
  await assert.rejects(a.api.watch.add('/etc', {}), /FORBIDDEN/);
});

test('prewarm is a throttled one-way message', () => {
  const a = app();
  a.api.prewarm();
  a.api.prewarm();
  assert.equal(a.prewarms, 1);
  a.advance(1500);
  a.api.prewarm();
  assert.equal(a.prewarms, 2);
  assert.ok(PREWARM_CHANNEL);
});
