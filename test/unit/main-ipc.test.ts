import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import type { WatchEvent, WatchFolder, WatchOptions } from '../../app/contracts/lantern-api';
import { DEFAULT_SETTINGS, type Settings } from '../../app/contracts/settings';
import type { EngineStatus } from '../../app/contracts/status';
import type { RecognizeInput, RecognizeOptions } from '../../app/contracts/engine-protocol';
import type { SubmitOptions } from '../../app/engine/ocr-service';
import type { HistoryService } from '../../app/http/backend';
import type { OcrResult } from '../../app/ocr/types';
import { mergeSettings } from '../../app/settings/settings-store';
import { IPC_OPS } from '../../app/contracts/lantern-ops';
import { LIMITS } from '../../app/contracts/op-schemas';
import { ipcChannel, PREWARM_CHANNEL, type IpcReply } from '../../main/ipc-channels';
import { setupIpc, type IpcMainLike } from '../../main/ipc';
import { PathGrants } from '../../main/path-grants';
import type { DocumentWork } from '../../app/documents/document-thread-client';
import { Ledger } from '../../app/watch/ledger';
import type { IpcEventLike } from '../../main/sender-check';

/** A fake ipcMain: records handlers and lets the test invoke them with any event. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcEventLike, payload?: unknown) => Promise<unknown>>();
  readonly listeners = new Map<string, (event: IpcEventLike, payload?: unknown) => void>();
  handle(channel: string, fn: (event: IpcEventLike, payload?: unknown) => Promise<unknown>): void {
    assert.ok(!this.handlers.has(channel), `${channel} registered twice`);
    this.handlers.set(channel, fn);
  }
  on(channel: string, fn: (event: IpcEventLike, payload?: unknown) => void): void {
    this.listeners.set(channel, fn);
  }
  async invoke<T>(channel: string, event: IpcEventLike, payload?: unknown): Promise<IpcReply<T>> {
    const h = this.handlers.get(channel);
    assert.ok(h, `no handler for ${channel}`);
    return (await h(event, payload)) as IpcReply<T>;
  }
}

const OUR_WC = 7;
const fromApp = (id = OUR_WC, url = 'lantern://app/index.html'): IpcEventLike => ({
  sender: { id },
  senderFrame: { url, parent: null },
});

const RESULT: OcrResult = {
  width: 10,
  height: 10,
  lines: [
    {
      text: 'Total',
      score: 0.99,
      box: [
        [0, 0],
        [5, 0],
        [5, 5],
        [0, 5],
      ],
    },
  ],
  text: 'Total',
  ms: { decode: 1, det: 1, cls: 1, rec: 1, total: 4 },
  provider: 'cpu',
} as OcrResult;

function harness(o: { readonly documentWork?: DocumentWork; readonly history?: HistoryService } = {}) {
  const calls: { recognize: [RecognizeInput, RecognizeOptions | undefined, SubmitOptions | undefined][] } = {
    recognize: [],
  };
  let prewarms = 0;
  let failNext: LanternError | null = null;
  const engine = {
    status: { state: 'ready', modelLoaded: true } as EngineStatus,
    onStatus: () => () => {},
    recognize: async (input: RecognizeInput, options?: RecognizeOptions, submit?: SubmitOptions) => {
      calls.recognize.push([input, options, submit]);
      if (failNext) {
        const e = failNext;
        failNext = null;
        throw e;
      }
      return RESULT;
    },
    cancel: (id: string) => id === 'r-1',
    prewarm: () => void prewarms++,
    retry: () => {},
  };
  const history: { name: string; result: OcrResult }[] = [];
  let settings: Settings = DEFAULT_SETTINGS;
  const settingsPatches: unknown[] = [];
  const folders: WatchFolder[] = [];
  const watch = {
    list: () => folders,
    add: (dir: string, options: Partial<WatchOptions>): WatchFolder => {
      const f = {
        id: `f${folders.length + 1}`,
        dir,
        options: { recursive: false, outDir: null, formats: ['txt'], patterns: [], ...options },
        enabled: true,
        pausedReason: null,
        counts: { queued: 0, done: 0, failed: 0 },
      } as WatchFolder;
      folders.push(f);
      return f;
    },
    remove: () => {},
    setEnabled: (id: string) => folders.find((f) => f.id === id)!,
    failed: () => [],
    retry: () => {},
    startBatch: async () => ({ batchId: 'b1' }),
    batches: () => [],
    batchControl: (id: string) => id === 'b1',
    ledgerStatus: () => ({ notice: null }),
    onEvent: (_cb: (e: WatchEvent) => void) => () => {},
  };
  const grants = new PathGrants();
  const logs: string[] = [];
  let folderChoice: string | null = '/home/u/Scans';
  const ipcMain = new FakeIpcMain();
  const channels = setupIpc({
    ipcMain,
    engine,
    history: o.history ?? {
      list: (limit) => history.slice(0, limit).map((h, i) => ({ id: `h${i}`, createdAt: 0, ...h })),
      remove: () => {},
      clear: () => void history.splice(0),
      add: (name, result) => void history.push({ name, result }),
    },
    settings: {
      file: '/home/ada/.config/Lantern OCR/settings.json',
      get: () => settings,
      set: async (patch) => {
        settingsPatches.push(patch);
        settings = mergeSettings(settings, patch);
        return settings;
      },
    },
    watch,
    grants,
    ...(o.documentWork ? { documentWork: o.documentWork } : {}),
    isOurWebContents: (id) => id === OUR_WC,
    chooseFolder: async () => folderChoice,
    log: (level, m) => logs.push(`${level} ${m}`),
  });
  return {
    ipcMain,
    channels,
    calls,
    history,
    settingsPatches,
    folders,
    logs,
    get prewarms() {
      return prewarms;
    },
    failWith: (e: LanternError) => (failNext = e),
    chooseNothing: () => (folderChoice = null),
  };
}

const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

describe('IPC sender checks', () => {
  test('every LanternApi method has a handler', () => {
    const h = harness();
    assert.deepEqual(
      new Set(h.channels),
      new Set(Object.keys(IPC_OPS).map((k) => ipcChannel(k as keyof typeof IPC_OPS))),
    );
    assert.ok(h.ipcMain.listeners.has(PREWARM_CHANNEL));
  });

  test('a foreign frame URL is refused before the service is reached', async () => {
    const h = harness();
    for (const url of [
      'https://evil.example/',
      'file:///tmp/dropped.html',
      'lantern://other/index.html',
      'lanternx://app/index.html',
      'about:blank',
      'not a url',
    ]) {
      const r = await h.ipcMain.invoke(ipcChannel('recognize'), fromApp(OUR_WC, url), {
        image: { name: 'a.png', bytes: png() },
      });
      assert.equal(r.ok, false, url);
      assert.equal(!r.ok && r.error.code, 'FORBIDDEN');
      assert.match(!r.ok ? r.error.message : '', /refused: the sender's URL is not lantern:\/\/app\//);
    }
    assert.equal(h.calls.recognize.length, 0);
    assert.ok(h.logs.some((l) => l.startsWith('warn ipc lantern:recognize: refused')));
  });

  test('a subframe, a gone frame and a webContents that is not our window are refused', async () => {
    const h = harness();
    const sub = await h.ipcMain.invoke(ipcChannel('getStatus'), {
      sender: { id: OUR_WC },
      senderFrame: { url: 'lantern://app/index.html', parent: {} },
    });
    assert.match(!sub.ok ? sub.error.message : '', /subframe/);
    const gone = await h.ipcMain.invoke(ipcChannel('getStatus'), {
      sender: { id: OUR_WC },
      senderFrame: null,
    });
    assert.match(!gone.ok ? gone.error.message : '', /frame is gone/);
    const other = await h.ipcMain.invoke(ipcChannel('getStatus'), fromApp(99));
    assert.match(!other.ok ? other.error.message : '', /not a Lantern window/);
  });

  test('our window at our origin is served', async () => {
    const h = harness();
    const r = await h.ipcMain.invoke<EngineStatus>(ipcChannel('getStatus'), fromApp());
    assert.deepEqual(r, { ok: true, value: { state: 'ready', modelLoaded: true } });
  });

  test('prewarm (a one-way message) is sender-checked too', () => {
    const h = harness();
    const prewarm = h.ipcMain.listeners.get(PREWARM_CHANNEL)!;
    prewarm(fromApp(OUR_WC, 'https://evil.example/'));
    assert.equal(h.prewarms, 0);
    prewarm(fromApp());
    assert.equal(h.prewarms, 1);
  });
});

describe('IPC payload validation', () => {
  test('recognize: bytes must be a non-empty Uint8Array under the limit', async () => {
    const h = harness();
    const bad: [unknown, RegExp][] = [
      [{ image: { name: 'a.png', bytes: [137, 80, 78, 71] } }, /image\.bytes: bytes must be a Uint8Array/],
      [{ image: { name: 'a.png', bytes: 'iVBORw0KGgo=' } }, /image\.bytes: bytes must be a Uint8Array/],
      [{ image: { name: 'a.png', bytes: new Uint8Array(0) } }, /image\.bytes is empty/],
      [{ image: { name: '', bytes: png() } }, /image\.name/],
      [{ image: { name: 'a.png', bytes: png(), path: '/etc/passwd' } }, /image/],
      [{ image: { name: 'a.png', bytes: png() }, options: { requestId: '../../x y' } }, /options\.requestId/],
      [{ image: { name: 'a.png', bytes: png() }, options: { priority: 'batch' } }, /options/],
      [undefined, /payload/],
    ];
    for (const [payload, message] of bad) {
      const r = await h.ipcMain.invoke(ipcChannel('recognize'), fromApp(), payload);
      assert.equal(r.ok, false);
      assert.equal(!r.ok && r.error.code, 'BAD_REQUEST', String(message));
      assert.match(!r.ok ? r.error.message : '', message);
      assert.match(!r.ok ? r.error.message : '', /^lantern:recognize: /);
    }
    const big = await h.ipcMain.invoke(ipcChannel('recognize'), fromApp(), {
      image: { name: 'big.png', bytes: new Uint8Array(LIMITS.imageBytes + 1) },
    });
    assert.equal(!big.ok && big.error.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(h.calls.recognize.length, 0, 'nothing invalid reached the engine');
  });

  test('recognize: a valid payload reaches the engine as bytes with interactive priority and lands in history', async () => {
    const h = harness();
    const bytes = png();
    const r = await h.ipcMain.invoke<OcrResult>(ipcChannel('recognize'), fromApp(), {
      image: { name: 'receipt.png', bytes },
      options: { paragraphs: true, requestId: 'r-1' },
    });
    assert.deepEqual(r, { ok: true, value: RESULT });
    const [input, options, submit] = h.calls.recognize[0]!;
    assert.deepEqual(input, { kind: 'bytes', name: 'receipt.png', bytes });
    assert.deepEqual(options, { paragraphs: true });
    assert.deepEqual(submit, { priority: 'interactive', requestId: 'r-1' });
    assert.deepEqual(h.history, [{ name: 'receipt.png', result: RESULT }]);
    // The window asks for words (its searchable PDF puts them on the ink); none asked, no options.
    await h.ipcMain.invoke(ipcChannel('recognize'), fromApp(), {
      image: { name: 'a.png', bytes },
      options: { paragraphs: true, words: true },
    });
    await h.ipcMain.invoke(ipcChannel('recognize'), fromApp(), { image: { name: 'b.png', bytes } });
    assert.deepEqual(
      h.calls.recognize.slice(1).map(([, o]) => o),
      [{ paragraphs: true, words: true }, undefined],
    );
  });

  test('engine errors come back with their machine-readable code', async () => {
    const h = harness();
    h.failWith(new LanternError('BAD_IMAGE', 'not an image'));
    const r = await h.ipcMain.invoke(ipcChannel('recognize'), fromApp(), {
      image: { name: 'x.png', bytes: png() },
    });
    assert.deepEqual(r, { ok: false, error: { code: 'BAD_IMAGE', message: 'not an image' } });
    assert.equal(h.history.length, 0);
  });

  test('ids must be short id strings; channels without arguments refuse arguments', async () => {
    const h = harness();
    for (const payload of [{ requestId: 42 }, { requestId: '' }, { requestId: 'a'.repeat(201) }, {}, 'r-1']) {
      const r = await h.ipcMain.invoke(ipcChannel('cancel'), fromApp(), payload);
      assert.equal(!r.ok && r.error.code, 'BAD_REQUEST', JSON.stringify(payload));
    }
    assert.deepEqual(await h.ipcMain.invoke(ipcChannel('cancel'), fromApp(), { requestId: 'r-1' }), {
      ok: true,
      value: true,
    });
    const extra = await h.ipcMain.invoke(ipcChannel('getStatus'), fromApp(), { sneaky: true });
    assert.equal(!extra.ok && extra.error.code, 'BAD_REQUEST');
    const r = await h.ipcMain.invoke(ipcChannel('watchSetEnabled'), fromApp(), { id: 'f1', enabled: 'yes' });
    assert.match(!r.ok ? r.error.message : '', /enabled/);
    const lim = await h.ipcMain.invoke(ipcChannel('historyList'), fromApp(), { limit: 1.5 });
    assert.match(!lim.ok ? lim.error.message : '', /limit/);
  });

  test('historyRemove: a bad id never reaches the store; an entry is deleted once, then NOT_FOUND', async () => {
    const ledger = Ledger.open(':memory:');
    try {
      const h = harness({ history: ledger.history });
      const kept = ledger.history.add('kept.png', RESULT);
      const gone = ledger.history.add('gone.png', RESULT);
      for (const payload of [{ id: 'a/b' }, { id: '' }, {}, gone.id, { id: gone.id, also: 1 }]) {
        const r = await h.ipcMain.invoke(ipcChannel('historyRemove'), fromApp(), payload);
        assert.equal(!r.ok && r.error.code, 'BAD_REQUEST', JSON.stringify(payload));
      }
      assert.equal(ledger.history.list().length, 2);
      const r = await h.ipcMain.invoke(ipcChannel('historyRemove'), fromApp(), { id: gone.id });
      assert.deepEqual(r, { ok: true, value: undefined });
      assert.deepEqual(
        ledger.history.list().map((e) => e.id),
        [kept.id],
      );
      const again = await h.ipcMain.invoke(ipcChannel('historyRemove'), fromApp(), { id: gone.id });
      assert.deepEqual(again, {
        ok: false,
        error: { code: 'NOT_FOUND', message: `no history entry ${gone.id}` },
      });
      const foreign = await h.ipcMain.invoke(
        ipcChannel('historyRemove'),
        fromApp(OUR_WC, 'https://evil.example/'),
        {
          id: kept.id,
        },
      );
      assert.equal(!foreign.ok && foreign.error.code, 'FORBIDDEN');
      assert.equal(ledger.history.list().length, 1);
    } finally {
      ledger.close();
    }
  });

  test('settings go through the schema: unknown keys and bad values are refused, a good patch is passed as given', async () => {
    const h = harness();
    const bad: [unknown, RegExp][] = [
      [{ patch: { threads: 'many' } }, /patch\.threads/],
      [{ patch: { provider: 'quantum' } }, /patch\.provider/],
      [{ patch: { http: { port: 80 } } }, /patch\.http\.port/],
      [{ patch: { nodeIntegration: true } }, /nodeIntegration|unrecognized/i],
      [{ patch: 'threads=2' }, /patch/],
      [{ threads: 2 }, /patch|threads/],
    ];
    for (const [payload, message] of bad) {
      const r = await h.ipcMain.invoke(ipcChannel('settingsSet'), fromApp(), payload);
      assert.equal(!r.ok && r.error.code, 'BAD_REQUEST', JSON.stringify(payload));
      assert.match(!r.ok ? r.error.message : '', message);
    }
    assert.equal(h.settingsPatches.length, 0);
    const r = await h.ipcMain.invoke<Settings>(ipcChannel('settingsSet'), fromApp(), {
      patch: { threads: 2 },
    });
    // The raw patch reaches the store (the patch schema would fill every other key with its default).
    assert.deepEqual(h.settingsPatches, [{ threads: 2 }]);
    assert.equal(r.ok && r.value.threads, 2);
    assert.equal(r.ok && r.value.language, DEFAULT_SETTINGS.language);
    // The window learns its mode and where the settings live; a patch cannot set that.
    const runtime = { mode: 'desktop', file: '/home/ada/.config/Lantern OCR/settings.json' };
    assert.deepEqual(r.ok && r.value.runtime, runtime);
    const got = await h.ipcMain.invoke<Settings>(ipcChannel('settingsGet'), fromApp(), undefined);
    assert.deepEqual(got.ok && got.value.runtime, runtime);
    const forged = await h.ipcMain.invoke(ipcChannel('settingsSet'), fromApp(), { patch: { runtime } });
    assert.equal(!forged.ok && forged.error.code, 'BAD_REQUEST');
  });
});

describe('paths come only from a drop, a dialog or a watched folder', () => {
  test('watch.add of a path the window was never given is refused', async () => {
    const h = harness();
    const r = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), { dir: '/home/u/.ssh', options: {} });
    assert.equal(!r.ok && r.error.code, 'FORBIDDEN');
    assert.match(
      !r.ok ? r.error.message : '',
      /not dropped on the window, chosen in a dialog or already watched/,
    );
    const rel = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: 'relative/dir',
      options: {},
    });
    assert.match(!rel.ok ? rel.error.message : '', /absolute path/);
    assert.equal(h.folders.length, 0);
  });

  test('a batch ("OCR this folder now") follows the same rule; batch actions are validated', async () => {
    const h = harness();
    const refused = await h.ipcMain.invoke(ipcChannel('watchBatch'), fromApp(), {
      dir: '/home/u/.ssh',
      options: {},
    });
    assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN');
    await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(), { paths: ['/home/u/Scans'] });
    const ok = await h.ipcMain.invoke(ipcChannel('watchBatch'), fromApp(), {
      dir: '/home/u/Scans',
      options: {},
    });
    assert.deepEqual(ok, { ok: true, value: { batchId: 'b1' } });
    const ctl = await h.ipcMain.invoke(ipcChannel('watchBatchControl'), fromApp(), {
      id: 'b1',
      action: 'pause',
    });
    assert.deepEqual(ctl, { ok: true, value: true });
    const bad = await h.ipcMain.invoke(ipcChannel('watchBatchControl'), fromApp(), {
      id: 'b1',
      action: 'explode',
    });
    assert.equal(bad.ok, false);
  });

  test('a dropped folder (and what is inside it) may be watched, by that window only; a traversal out is refused', async () => {
    const h = harness();
    const g = await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(), {
      paths: ['/home/u/Inbox'],
    });
    assert.deepEqual(g, { ok: true, value: 1 });
    assert.equal(
      (await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), { dir: '/home/u/Inbox', options: {} })).ok,
      true,
    );
    assert.equal(
      (
        await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
          dir: '/home/u/Inbox/2024',
          options: { recursive: true },
        })
      ).ok,
      true,
    );
    const out = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: '/home/u/Inbox/../.ssh',
      options: {},
    });
    assert.equal(!out.ok && out.error.code, 'FORBIDDEN');
    const sibling = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: '/home/u/Inbox-old',
      options: {},
    });
    assert.equal(!sibling.ok && sibling.error.code, 'FORBIDDEN');
    assert.deepEqual(
      h.folders.map((f) => f.dir),
      ['/home/u/Inbox', '/home/u/Inbox/2024'],
    );
  });

  test('documents by path: only a file dropped on this window, handed to the document thread as a path', async () => {
    const sources: unknown[] = [];
    const work = {
      recognize: async (source: unknown) => {
        sources.push(source);
        return { file: 'scan.pdf', kind: 'pdf', pages: [], text: '', ms: 0 };
      },
      pageImage: async (source: unknown) => (sources.push(source), png()),
      searchablePdf: async (source: unknown) => (sources.push(source), png()),
      threadId: undefined,
      close: async () => {},
    } as unknown as DocumentWork;
    const h = harness({ documentWork: work });
    const file = { name: 'scan.pdf', path: '/home/u/Scans/scan.pdf' };
    const result = {
      file: 'scan.pdf',
      kind: 'pdf',
      pages: [{ page: 1, width: 10, height: 10, lines: [], text: '', source: 'ocr' }],
      text: '',
      ms: 0,
    };
    const calls = [
      ['recognizeDocumentAt', { file, options: { requestId: 'd1' } }],
      ['pageImageAt', { file, page: 1 }],
      ['searchablePdfAt', { file, result }],
    ] as const;
    for (const [op, input] of calls) {
      const r = await h.ipcMain.invoke(ipcChannel(op), fromApp(), input);
      assert.equal(!r.ok && r.error.code, 'FORBIDDEN', op);
    }
    // Another window's drop grants nothing here; a relative path is refused by the schema.
    await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(OUR_WC + 1), { paths: [file.path] });
    const other = await h.ipcMain.invoke(ipcChannel('pageImageAt'), fromApp(), { file, page: 1 });
    assert.equal(!other.ok && other.error.code, 'FORBIDDEN');
    const rel = await h.ipcMain.invoke(ipcChannel('pageImageAt'), fromApp(), {
      file: { name: 'x.pdf', path: 'x.pdf' },
      page: 1,
    });
    assert.equal(!rel.ok && rel.error.code, 'BAD_REQUEST');
    assert.deepEqual(sources, []);
    await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(), { paths: [file.path] });
    for (const [op, input] of calls) {
      const r = await h.ipcMain.invoke(ipcChannel(op), fromApp(), input);
      assert.equal(r.ok, true, op);
    }
    assert.deepEqual(sources, [{ path: file.path }, { path: file.path }, { path: file.path }]);
  });

  test('a folder chosen in the dialog may be watched; a cancelled dialog grants nothing', async () => {
    const h = harness();
    const chosen = await h.ipcMain.invoke<string | null>(ipcChannel('chooseFolder'), fromApp());
    assert.deepEqual(chosen, { ok: true, value: '/home/u/Scans' });
    assert.equal(
      (await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), { dir: '/home/u/Scans', options: {} })).ok,
      true,
    );
    h.chooseNothing();
    assert.deepEqual(await h.ipcMain.invoke(ipcChannel('chooseFolder'), fromApp()), {
      ok: true,
      value: null,
    });
  });

  test("an output folder must be given too: chosen, dropped, inside the folder, or already that folder's", async () => {
    const h = harness();
    await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(), { paths: ['/home/u/Inbox'] });
    // Page script naming where main writes: a folder the user never gave this window.
    for (const outDir of ['/home/u/.config/autostart', '/home/u/Inbox/../.local/bin', '/home/u/Inbox-old']) {
      for (const op of ['watchAdd', 'watchBatch'] as const) {
        const r = await h.ipcMain.invoke(ipcChannel(op), fromApp(), {
          dir: '/home/u/Inbox',
          options: { outDir },
        });
        assert.equal(!r.ok && r.error.code, 'FORBIDDEN', `${op} ${outDir}`);
        assert.match(
          !r.ok ? r.error.message : '',
          /output folder .* was not dropped on the window, chosen in a dialog/,
        );
      }
    }
    // Another window's grant is not this window's.
    await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(OUR_WC + 1), { paths: ['/home/u/Out'] });
    const other = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: '/home/u/Inbox',
      options: { outDir: '/home/u/Out' },
    });
    assert.equal(!other.ok && other.error.code, 'FORBIDDEN');
    assert.equal(h.folders.length, 0, 'nothing reached the watch service');
    // A sub-folder of the folder itself needs nothing more; a folder chosen in the dialog may take the outputs.
    const inside = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: '/home/u/Inbox',
      options: { outDir: '/home/u/Inbox/ocr' },
    });
    assert.equal(inside.ok, true);
    const chosen = await h.ipcMain.invoke<string>(ipcChannel('chooseFolder'), fromApp(), undefined);
    assert.equal(chosen.ok && chosen.value, '/home/u/Scans');
    const batch = await h.ipcMain.invoke(ipcChannel('watchBatch'), fromApp(), {
      dir: '/home/u/Inbox',
      options: { outDir: '/home/u/Scans/text' },
    });
    assert.equal(batch.ok, true);
    // A watched folder saved again (after a restart: no grants) keeps its own output folder, but cannot move it.
    h.folders.push({
      id: 'f9',
      dir: '/srv/in',
      options: { outDir: '/srv/ocr' },
      enabled: true,
    } as WatchFolder);
    const again = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(OUR_WC), {
      dir: '/srv/in',
      options: { outDir: '/srv/ocr', formats: ['md'] },
    });
    assert.equal(again.ok, true);
    const moved = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: '/srv/in',
      options: { outDir: '/srv/elsewhere' },
    });
    assert.equal(!moved.ok && moved.error.code, 'FORBIDDEN');
  });

  test('a symbolic link inside a granted folder does not carry the grant outside it (real folders, real links)', async () => {
    const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'lantern-ipc-links-')));
    try {
      const inbox = path.join(root, 'Inbox');
      const outside = path.join(root, 'dot-ssh');
      mkdirSync(inbox);
      mkdirSync(outside);
      writeFileSync(path.join(outside, 'id_ed25519'), 'secret');
      symlinkSync(outside, path.join(inbox, 'ssh'));
      const h = harness();
      await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(), { paths: [inbox] });
      // Page script naming a folder or file through the link: main must neither read nor write there.
      for (const op of ['watchAdd', 'watchBatch'] as const) {
        const into = await h.ipcMain.invoke(ipcChannel(op), fromApp(), {
          dir: path.join(inbox, 'ssh'),
          options: {},
        });
        assert.equal(!into.ok && into.error.code, 'FORBIDDEN', `${op} of the link`);
        const out = await h.ipcMain.invoke(ipcChannel(op), fromApp(), {
          dir: inbox,
          options: { outDir: path.join(inbox, 'ssh', 'ocr') },
        });
        assert.equal(!out.ok && out.error.code, 'FORBIDDEN', `${op} writing through the link`);
      }
      const read = await h.ipcMain.invoke(ipcChannel('imageAt'), fromApp(), {
        file: { name: 'id_ed25519', path: path.join(inbox, 'ssh', 'id_ed25519') },
      });
      assert.equal(!read.ok && read.error.code, 'FORBIDDEN', 'reading through the link');
      // The folder itself, and an output folder still to be made inside it, are fine.
      const ok = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
        dir: inbox,
        options: { outDir: path.join(inbox, 'ocr') },
      });
      assert.equal(ok.ok, true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('an already watched folder may be added again (options update) without a new grant', async () => {
    const h = harness();
    h.folders.push({ id: 'f9', dir: '/srv/in', options: {}, enabled: true } as WatchFolder);
    assert.equal(
      (
        await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
          dir: '/srv/in',
          options: { formats: ['md'] },
        })
      ).ok,
      true,
    );
  });

  test('watch options are validated (formats, unknown keys)', async () => {
    const h = harness();
    await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(), { paths: ['/d'] });
    const bad = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: '/d',
      options: { formats: ['exe'] },
    });
    assert.match(!bad.ok ? bad.error.message : '', /options\.formats/);
    const extra = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: '/d',
      options: { deleteAfter: true },
    });
    assert.equal(!extra.ok && extra.error.code, 'BAD_REQUEST');
    const grantBad = await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(), {
      paths: ['/ok', 'no\0nul'],
    });
    assert.equal(!grantBad.ok && grantBad.error.code, 'BAD_REQUEST');
  });

  test('watch options: the output folder is a bounded absolute path, formats and patterns are bounded lists', async () => {
    const h = harness();
    await h.ipcMain.invoke(ipcChannel('grantDroppedPaths'), fromApp(), { paths: ['/d'] });
    for (const [options, where] of [
      [{ outDir: '/d/out\0x' }, /options\.outDir: must not contain NUL/],
      [{ outDir: 'out' }, /options\.outDir: must be an absolute path/],
      [{ outDir: `/d/${'x'.repeat(LIMITS.pathChars)}` }, /options\.outDir/],
      [{ formats: Array<'txt'>(100_000).fill('txt') }, /options\.formats/],
      [{ formats: ['txt', 'md', 'txt'] }, /options\.formats: must not repeat a format/],
      [{ patterns: Array<string>(100_000).fill('*.png') }, /options\.patterns/],
    ] as const) {
      for (const op of ['watchAdd', 'watchBatch'] as const) {
        const r = await h.ipcMain.invoke(ipcChannel(op), fromApp(), { dir: '/d', options });
        assert.equal(!r.ok && r.error.code, 'BAD_REQUEST', `${op} ${JSON.stringify(options).slice(0, 80)}`);
        assert.match(!r.ok ? r.error.message : '', where);
      }
    }
    assert.deepEqual(h.folders, [], 'nothing reached the watch service');
    const ok = await h.ipcMain.invoke(ipcChannel('watchAdd'), fromApp(), {
      dir: '/d',
      options: { outDir: '/d/ocr', formats: ['txt', 'md'], patterns: ['*.png'] },
    });
    assert.equal(ok.ok, true);
  });
});
