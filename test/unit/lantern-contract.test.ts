import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HTTP_API, pathOf } from '../../app/contracts/http-api';
import type { LanternApi } from '../../app/contracts/lantern-api';
import { IPC_OPS, LANTERN_OPS, type IpcOpName, type OpName } from '../../app/contracts/lantern-ops';
import { LIMITS } from '../../app/contracts/op-schemas';
import { DEFAULT_SETTINGS } from '../../app/contracts/settings';
import { HTTP_DEFAULTS } from '../../app/http/server';
import { setupIpc } from '../../main/ipc';
import { ipcChannel, PREWARM_CHANNEL } from '../../main/ipc-channels';
import { validatePayload } from '../../main/ipc-validate';
import { PathGrants } from '../../main/path-grants';
import { createPreloadApi } from '../../main/preload-api';
import { createHttpClient, createWebTransport } from '../../renderer/src/transport/web-transport';

const names = Object.keys(IPC_OPS) as IpcOpName[];
const lanternNames = Object.keys(LANTERN_OPS) as OpName[];

/** Calls every method of a LanternApi once, with arguments that pass the contract. */
async function driveAll(api: LanternApi): Promise<void> {
  const image = { name: 'a.png', bytes: new Uint8Array([1, 2, 3]) };
  await api.recognize(image, { requestId: 'r1', paragraphs: true });
  const pdf = { name: 'a.pdf', bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]) };
  await api.recognizeDocument(pdf, { requestId: 'd1' });
  await api.pageImage(pdf, 1);
  const failed = { page: 1, error: { code: 'BAD_PDF' as const, message: 'page 1 cannot be read' } };
  await api.searchablePdf(pdf, { kind: 'pdf', pages: [failed], text: '', ms: 1 });
  await api.cancel('r1');
  await api.getStatus();
  await api.retry();
  await api.history.list(5);
  await api.history.remove('h1');
  await api.history.clear();
  await api.settings.get();
  await api.settings.set({ threads: 2 });
  await api.watch.list();
  await api.watch.add('/in', {});
  await api.watch.remove('f1');
  await api.watch.setEnabled('f1', false);
  await api.watch.failed(5);
  await api.watch.retry('x1');
  await api.watch.batch('/in', {});
  await api.watch.batchControl('b1', 'pause');
  await api.watch.batches();
  await api.watch.ledger();
}

test('main registers a handler for every operation of the table, and the prewarm hint', () => {
  const handled = new Set<string>();
  const on = new Set<string>();
  const none = () => undefined;
  const channels = setupIpc({
    ipcMain: { handle: (ch) => void handled.add(ch), on: (ch) => void on.add(ch) },
    engine: {} as never,
    history: {} as never,
    settings: { get: () => DEFAULT_SETTINGS, set: async () => DEFAULT_SETTINGS },
    watch: {} as never,
    grants: new PathGrants(),
    isOurWebContents: () => true,
    chooseFolder: async () => null,
    log: none,
  });
  assert.deepEqual(new Set(channels), new Set(names.map((n) => ipcChannel(n))));
  assert.deepEqual(handled, new Set(channels));
  assert.deepEqual(on, new Set([PREWARM_CHANNEL]));
});

test('the preload reaches every operation on its channel, each payload valid for main', async () => {
  const invoked = new Map<string, unknown>();
  const ipc = {
    invoke: async (ch: string, payload?: unknown) => {
      const name = names.find((n) => ipcChannel(n) === ch);
      assert.ok(name, `${ch} is a channel of the table`);
      validatePayload(name, payload);
      invoked.set(ch, payload);
      return { ok: true, value: ch.endsWith('cancel') ? false : {} };
    },
    send: () => undefined,
    on: () => undefined,
    removeListener: () => undefined,
  };
  const { api, desktop } = createPreloadApi(ipc, { getPathForFile: () => '/in' });
  await driveAll(api);
  desktop.pathForFile({} as File);
  await desktop.chooseFolder();
  const onDisk = { name: 'big.pdf', path: '/in/big.pdf' };
  await desktop.documents.recognize(onDisk, { requestId: 'd2', password: 'pw' });
  await desktop.documents.pageImage(onDisk, 1, { password: 'pw' });
  const failed = { page: 1, error: { code: 'BAD_PDF' as const, message: 'page 1 cannot be read' } };
  await desktop.documents.searchablePdf(onDisk, { kind: 'pdf', pages: [failed], text: '', ms: 1 });
  await desktop.imageAt({ name: 'scan.png', path: '/in/scan.png' });
  await api.watch.add('/in', {});
  assert.deepEqual(new Set(invoked.keys()), new Set(names.map((n) => ipcChannel(n))));
});

test('the web transport reaches every operation on the route its table entry names', async () => {
  assert.deepEqual(Object.keys(createHttpClient().calls).sort(), [...lanternNames].sort());
  const expected = new Set(
    lanternNames.map((n) => {
      const route = HTTP_API[LANTERN_OPS[n].http];
      const id = {
        cancel: 'r1',
        historyRemove: 'h1',
        watchRemove: 'f1',
        watchSetEnabled: 'f1',
        watchRetry: 'x1',
        watchBatchControl: 'b1',
      };
      return `${route.method} ${pathOf(route.path, { id: (id as Record<string, string>)[n] ?? '' })}`;
    }),
  );
  const seen = new Set<string>();
  const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
    const u = new URL(String(url), 'http://x');
    seen.add(`${init?.method ?? 'GET'} ${u.pathname}`);
    const value = u.pathname.startsWith('/api/cancel') ? { cancelled: true } : { ok: true, pages: [] };
    return new Response(JSON.stringify(value), { status: 200 });
  };
  await driveAll(createWebTransport({ fetch }));
  assert.deepEqual(seen, expected);
});

test('one rule per operation on both transports: absolute folders, list rows, ids, image bytes', () => {
  const ipcRefuses = (name: IpcOpName, payload: unknown) =>
    assert.throws(() => validatePayload(name, payload), { code: 'BAD_REQUEST' });
  const httpRefuses = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) =>
    assert.equal(schema.safeParse(v).success, false, JSON.stringify(v));

  ipcRefuses('watchAdd', { dir: 'relative/dir', options: {} });
  httpRefuses(HTTP_API.watchAdd.body, { dir: 'relative/dir', options: {} });
  httpRefuses(HTTP_API.watchBatch.body, { dir: 'relative/dir' });
  assert.equal(HTTP_API.watchAdd.body.safeParse({ dir: 'C:\\Scans' }).success, true);

  ipcRefuses('historyList', { limit: LIMITS.listRows + 1 });
  httpRefuses(HTTP_API.historyList.query, { limit: String(LIMITS.listRows + 1) });
  httpRefuses(HTTP_API.watchFailed.query, { limit: '-1' });
  assert.deepEqual(HTTP_API.historyList.query.parse({}), { limit: LIMITS.defaultListRows });
  assert.deepEqual(HTTP_API.historyList.query.parse({ limit: String(LIMITS.listRows) }), {
    limit: LIMITS.listRows,
  });

  ipcRefuses('watchRemove', { id: 'a/b' });
  httpRefuses(HTTP_API.watchRemove.params, { id: 'a/b' });
  ipcRefuses('historyRemove', { id: 'a/b' });
  httpRefuses(HTTP_API.historyRemove.params, { id: 'a/b' });

  ipcRefuses('settingsSet', { patch: { runtime: { mode: 'desktop', file: null } } });
  httpRefuses(HTTP_API.settingsSet.body, { runtime: { mode: 'desktop', file: null } });

  assert.equal(HTTP_DEFAULTS.maxBodyBytes, LIMITS.imageBytes);
  assert.throws(
    () =>
      validatePayload('recognize', {
        image: { name: 'a.png', bytes: new Uint8Array(LIMITS.imageBytes + 1) },
      }),
    { code: 'PAYLOAD_TOO_LARGE' },
  );
});
