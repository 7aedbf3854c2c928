import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import sharp from 'sharp';
import { LanternError } from '../../app/contracts/errors';
import type { RecognizeInput } from '../../app/contracts/engine-protocol';
import type { WatchEvent } from '../../app/contracts/lantern-api';
import { DEFAULT_SETTINGS, type Settings } from '../../app/contracts/settings';
import type { EngineState, EngineStatus } from '../../app/contracts/status';
import type { OcrResult } from '../../app/ocr/types';
import { setupBatchNotifications } from '../../main/batch-notify';
import { ocrClipboardImage, type ClipboardItemLike } from '../../main/clipboard-ocr';
import { setupCloseToTray } from '../../main/close-to-tray';
import { setupQuit, type QuitApp } from '../../main/quit';
import { setupTray } from '../../main/tray';
import { probeTrayHost, trayUsable, type RunCommand } from '../../main/tray-host';
import {
  TRAY_COLOURS,
  trayIconKind,
  trayIconPng,
  trayIconReps,
  type TrayIconKind,
} from '../../main/tray-icons';
import type { TrayActions } from '../../main/tray-menu';

const MESSAGES: Partial<Record<EngineState, string>> = {
  ready: 'Model ready',
  busy: 'Recognising',
  loading: 'Loading the models',
  error: 'Engine error: model missing',
};

const status = (state: EngineState, extra: Partial<EngineStatus> = {}): EngineStatus =>
  ({
    state,
    modelLoaded: state === 'ready' || state === 'busy',
    provider: 'cpu',
    providerSummary: 'CPU (WebGPU unavailable)',
    queue: 0,
    inFlight: 0,
    error: null,
    message: MESSAGES[state] ?? state,
    detail: { code: 'READY' },
    fault: null,
    ...extra,
  }) as EngineStatus;

function trayHarness(initial: EngineStatus) {
  let current = initial;
  const cbs = new Set<(s: EngineStatus) => void>();
  const images: TrayIconKind[] = [];
  const menus: MenuItemConstructorOptions[][] = [];
  const tooltips: string[] = [];
  const calls: string[] = [];
  let clickTray: () => void = () => {};
  let destroyed = false;
  let paused = false;
  const actions: TrayActions = {
    showWindow: () => calls.push('show'),
    ocrClipboard: () => calls.push('ocr'),
    toggleWatching: () => {
      paused = !paused;
      calls.push('toggle');
    },
    retryEngine: () => calls.push('retry'),
    openLog: () => calls.push('log'),
    quit: () => calls.push('quit'),
  };
  const tray = setupTray<TrayIconKind, MenuItemConstructorOptions[]>({
    createTray: (image) => {
      images.push(image);
      return {
        setImage: (i) => images.push(i),
        setToolTip: (t) => tooltips.push(t),
        setContextMenu: (m) => menus.push(m),
        on: (_e, l) => (clickTray = l),
        destroy: () => (destroyed = true),
      };
    },
    buildMenu: (t) => t,
    iconFor: (k) => k,
    engine: {
      get status() {
        return current;
      },
      onStatus: (cb) => {
        cbs.add(cb);
        return () => cbs.delete(cb);
      },
    },
    watchingPaused: () => paused,
    actions,
  });
  const publish = (s: EngineStatus) => {
    current = s;
    for (const cb of cbs) cb(s);
  };
  const menu = () => menus.at(-1)!;
  const item = (id: string) => menu().find((i) => i.id === id);
  const click = (id: string) => (item(id)!.click as () => void)();
  return {
    tray,
    images,
    menus,
    tooltips,
    calls,
    publish,
    menu,
    item,
    click,
    clickTray: () => clickTray(),
    get destroyed() {
      return destroyed;
    },
    listeners: () => cbs.size,
  };
}

describe('tray', () => {
  test('the icon follows the engine state: ready, busy, error', () => {
    const h = trayHarness(status('loading'));
    assert.deepEqual(h.images, ['busy', 'busy']);
    h.publish(status('ready'));
    h.publish(status('busy', { queue: 2, inFlight: 1 }));
    h.publish(status('error', { error: { code: 'MODEL_MISSING', message: 'model missing' } }));
    h.publish(status('unloaded', { message: 'Unloaded (idle)' }));
    assert.deepEqual(h.images, ['busy', 'busy', 'ready', 'busy', 'error', 'idle']);
    assert.equal(trayIconKind('hung'), 'error');
    assert.equal(trayIconKind('restarting'), 'busy');
  });

  test('the menu has the actions and a model state line that follows the status', () => {
    const h = trayHarness(status('ready'));
    assert.deepEqual(
      h.menu().map((i) => i.label ?? `--${i.type}`),
      [
        'Show window',
        'OCR the image on the clipboard',
        '--separator',
        'Pause watching',
        '--separator',
        'Model: Model ready — CPU (WebGPU unavailable)',
        'Open the log file',
        '--separator',
        'Quit Lantern OCR',
      ],
    );
    assert.equal(h.item('model-state')!.enabled, false);
    assert.equal(h.tooltips.at(-1), 'Lantern OCR — Model ready — CPU (WebGPU unavailable)');
    h.publish(status('busy', { queue: 2, inFlight: 1 }));
    assert.equal(h.item('model-state')!.label, 'Model: Recognising — CPU (WebGPU unavailable) (3 pending)');
    for (const id of ['show', 'ocr-clipboard', 'open-log', 'quit']) h.click(id);
    h.clickTray();
    assert.deepEqual(h.calls, ['show', 'ocr', 'log', 'quit', 'show']);
  });

  test('in error: a Retry item, and no clipboard OCR', () => {
    const h = trayHarness(status('ready'));
    assert.equal(h.item('retry'), undefined);
    h.publish(status('error', { error: { code: 'MODEL_MISSING', message: 'model missing' } }));
    assert.equal(h.item('model-state')!.label, 'Model: Engine error: model missing');
    assert.equal(h.item('ocr-clipboard')!.enabled, false);
    h.click('retry');
    assert.deepEqual(h.calls, ['retry']);
  });

  test('in a crash loop the line names the clock time of the next try, not a count that goes stale', () => {
    const retryAt = Date.UTC(2026, 11, 7, 5, 31, 20);
    const h = trayHarness(status('ready'));
    h.publish(
      status('error', {
        message: 'Engine error: the engine crashed (exit code 134); 3 failures in 60 s, trying again in 30 s',
        detail: { code: 'ERROR', failures: 3, windowMs: 60_000, retryInMs: 30_000, retryAt },
        fault: { kind: 'exit', exitCode: 134, signal: null, cause: null },
      }),
    );
    const at = new Date(retryAt).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    const line = h.item('model-state')!.label;
    assert.equal(line, `Model: Engine error, trying again at ${at}: the engine exited (code 134)`);
    assert.doesNotMatch(String(line), /in 30 s/);
    assert.equal(h.tooltips.at(-1), `Lantern OCR — ${String(line).replace(/^Model: /, '')}`);
  });

  test('pause/resume watching toggles its label after a refresh', () => {
    const h = trayHarness(status('ready'));
    h.click('watching');
    h.tray.refresh();
    assert.equal(h.item('watching')!.label, 'Resume watching');
    h.click('watching');
    h.tray.refresh();
    assert.equal(h.item('watching')!.label, 'Pause watching');
  });

  test('heartbeats that republish the same status do not rebuild the menu', () => {
    const h = trayHarness(status('ready'));
    const before = h.menus.length;
    for (let i = 0; i < 5; i++) h.publish(status('ready', { lastHeartbeatAt: i }));
    assert.equal(h.menus.length, before);
    h.tray.destroy();
    assert.equal(h.destroyed, true);
    assert.equal(h.listeners(), 0);
  });

  test('icons are real PNGs: a disc in the state colour on a transparent background', async () => {
    for (const kind of ['ready', 'busy', 'error', 'idle'] as const) {
      const png = trayIconPng(kind, 32);
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      assert.equal(info.width, 32);
      assert.equal(info.channels, 4);
      const px = (x: number, y: number) => [...data.subarray((y * 32 + x) * 4, (y * 32 + x) * 4 + 4)];
      assert.equal(px(0, 0)[3], 0, 'corner transparent');
      const [r, g, b, a] = px(16, 5); // on the disc, outside the light centre
      assert.deepEqual([r, g, b, a], [...TRAY_COLOURS[kind], 255], kind);
    }
    assert.notDeepEqual(trayIconPng('ready'), trayIconPng('error'));
  });

  test('tray icons come at 1x and 2x: 24/48 px for Linux panels, 16/32 px on Windows and macOS', async () => {
    const sizes = async (platform: NodeJS.Platform) =>
      Promise.all(
        trayIconReps('ready', platform).map(async (r) => [
          r.scaleFactor,
          (await sharp(r.buffer).metadata()).width,
        ]),
      );
    assert.deepEqual(await sizes('linux'), [
      [1, 24],
      [2, 48],
    ]);
    assert.deepEqual(await sizes('win32'), [
      [1, 16],
      [2, 32],
    ]);
    assert.deepEqual(await sizes('darwin'), [
      [1, 16],
      [2, 32],
    ]);
  });
});

describe('OCR of the clipboard image', () => {
  const pngBlob = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9])], { type: 'image/png' });
  const item = (types: string[], blob: Blob = pngBlob): ClipboardItemLike => ({
    types,
    getType: async () => blob,
  });
  function harness(items: ClipboardItemLike[], recognize: (i: RecognizeInput) => Promise<OcrResult>) {
    const written: string[] = [];
    const notes: string[] = [];
    const history: string[] = [];
    const inputs: RecognizeInput[] = [];
    const run = () =>
      ocrClipboardImage({
        clipboard: { read: async () => items, writeText: async (t) => void written.push(t) },
        engine: {
          recognize: (i) => {
            inputs.push(i);
            return recognize(i);
          },
        },
        history: { add: (n) => void history.push(n) },
        notify: (t, b) => notes.push(`${t} | ${b}`),
      });
    return { run, written, notes, history, inputs };
  }
  const result = (text: string) =>
    ({ text, lines: text ? text.split('\n').map((t) => ({ text: t })) : [] }) as unknown as OcrResult;

  test('the image bytes are recognised, the text is copied back and a notification says so', async () => {
    const h = harness([item(['text/plain']), item(['text/html', 'image/png'])], async () =>
      result('Total 12.50\nThank you'),
    );
    assert.equal(await h.run(), 'Total 12.50\nThank you');
    assert.equal(h.inputs[0]!.kind, 'bytes');
    assert.deepEqual([...(h.inputs[0] as { bytes: Uint8Array }).bytes], [0x89, 0x50, 0x4e, 0x47, 9]);
    assert.equal((h.inputs[0] as { name: string }).name, 'clipboard.png');
    assert.deepEqual(h.written, ['Total 12.50\nThank you']);
    assert.deepEqual(h.notes, ['Text copied to the clipboard | 2 lines: Total 12.50\nThank you']);
    assert.deepEqual(h.history, ['Clipboard image']);
  });

  test('no image: a notification, no recognition, the clipboard untouched', async () => {
    const h = harness([item(['text/plain'])], async () => assert.fail('nothing to recognise'));
    assert.equal(await h.run(), null);
    assert.deepEqual(h.written, []);
    assert.match(h.notes[0] ?? '', /^No image on the clipboard/);
  });

  test('an image without text, or an engine error, leaves the clipboard as it is', async () => {
    const empty = harness([item(['image/png'])], async () => result(''));
    assert.equal(await empty.run(), null);
    assert.deepEqual(empty.written, []);
    assert.match(empty.notes[0] ?? '', /^No text found/);
    const failing = harness([item(['image/png'])], async () => {
      throw new LanternError('ENGINE_UNAVAILABLE', 'the engine is in error');
    });
    assert.equal(await failing.run(), null);
    assert.deepEqual(failing.written, []);
    assert.deepEqual(failing.notes, ['Could not read the clipboard image | the engine is in error']);
  });
});

describe('close to tray', () => {
  function harness(s: Partial<Settings>, quitting = false, trayVisible = true) {
    let settings: Settings = { ...DEFAULT_SETTINGS, ...s };
    let close: (e: { preventDefault(): void }) => void = () => {};
    const notes: string[] = [];
    let hidden = 0;
    setupCloseToTray({
      window: { on: (_e, l) => (close = l), hide: () => void hidden++ },
      settings: {
        get: () => settings,
        set: async (p) => (settings = { ...settings, ...p }),
      },
      isQuitting: () => quitting,
      trayVisible: () => trayVisible,
      notify: (t) => notes.push(t),
    });
    const tryClose = () => {
      let prevented = false;
      close({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    return {
      tryClose,
      notes,
      get hidden() {
        return hidden;
      },
      get settings() {
        return settings;
      },
    };
  }

  test('closing hides the window instead (on by default), with a notice shown only once', async () => {
    const h = harness({});
    assert.equal(h.tryClose(), true);
    assert.equal(h.hidden, 1);
    await new Promise((r) => setImmediate(r));
    assert.equal(h.settings.closeToTrayNoticeShown, true);
    assert.equal(h.tryClose(), true);
    assert.equal(h.hidden, 2);
    assert.deepEqual(h.notes, ['Lantern OCR is still running']);
  });

  test('with the setting off the window really closes', () => {
    const h = harness({ closeToTray: false });
    assert.equal(h.tryClose(), false);
    assert.equal(h.hidden, 0);
    assert.deepEqual(h.notes, []);
  });

  test('without a visible tray (Linux without a StatusNotifier host) the window really closes', () => {
    const h = harness({}, false, false);
    assert.equal(h.tryClose(), false);
    assert.equal(h.hidden, 0);
    assert.deepEqual(h.notes, []);
  });

  test('the tray host: Windows and macOS always, Linux only when the session bus has one', async () => {
    const answers = (map: Record<string, string | 'ENOENT' | 'fail'>): RunCommand => {
      return async (file) => {
        const a = map[file] ?? 'ENOENT';
        if (a === 'ENOENT') throw Object.assign(new Error(`spawn ${file} ENOENT`), { code: 'ENOENT' });
        if (a === 'fail') throw Object.assign(new Error('The name is not activatable'), { code: 1 });
        return a;
      };
    };
    assert.equal(await probeTrayHost(answers({ gdbus: '(<true>,)\n' })), 'present');
    assert.equal(await probeTrayHost(answers({ gdbus: '(<false>,)' })), 'absent');
    assert.equal(await probeTrayHost(answers({ gdbus: 'fail', busctl: 'b true' })), 'absent');
    assert.equal(await probeTrayHost(answers({ busctl: 'b true\n' })), 'present');
    assert.equal(await probeTrayHost(answers({})), 'unknown');
    assert.equal(trayUsable('linux', 'present'), true);
    assert.equal(trayUsable('linux', 'absent'), false);
    assert.equal(trayUsable('linux', 'unknown'), false);
    assert.equal(trayUsable('win32', 'unknown'), true);
    assert.equal(trayUsable('darwin', 'absent'), true);
  });

  test('when quitting (tray Quit, Cmd+Q) the window really closes', () => {
    const h = harness({}, true);
    assert.equal(h.tryClose(), false);
    assert.equal(h.hidden, 0);
  });
});

describe('quit and batch notifications', () => {
  function fakeApp() {
    const l: Record<string, (e?: { preventDefault(): void }) => void> = {};
    let quits = 0;
    const app: QuitApp = {
      on: (ev: string, fn: (e?: { preventDefault(): void }) => void) => (l[ev] = fn),
      quit: () => void quits++,
    } as QuitApp;
    const willQuit = () => {
      let prevented = false;
      l['will-quit']!({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    return { app, l, willQuit, quits: () => quits };
  }

  test('quitting waits for the cleanup (engine stop, ledger close), then quits for real', async () => {
    const f = fakeApp();
    let finish: () => void = () => {};
    const q = setupQuit({
      app: f.app,
      platform: 'linux',
      cleanup: () => new Promise<void>((r) => (finish = r)),
    });
    assert.equal(q.isQuitting(), false);
    f.l['before-quit']!();
    assert.equal(q.isQuitting(), true);
    assert.equal(f.willQuit(), true, 'held while cleaning up');
    assert.equal(f.willQuit(), true, 'a second Quit does not start a second cleanup');
    assert.equal(f.quits(), 0);
    finish();
    await new Promise((r) => setImmediate(r));
    assert.equal(f.quits(), 1);
    assert.equal(f.willQuit(), false, 'the real quit goes through');
  });

  test('a cleanup that hangs does not keep the app alive', async () => {
    const f = fakeApp();
    const logs: string[] = [];
    setupQuit({
      app: f.app,
      platform: 'linux',
      cleanup: () => new Promise(() => {}),
      timeoutMs: 20,
      log: (m) => logs.push(m),
    });
    f.willQuit();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(f.quits(), 1);
    assert.match(logs[0] ?? '', /timed out/);
  });

  test('all windows closed: quit on Linux and Windows, stay on macOS', () => {
    const linux = fakeApp();
    setupQuit({ app: linux.app, platform: 'linux', cleanup: async () => {} });
    linux.l['window-all-closed']!();
    assert.equal(linux.quits(), 1);
    const mac = fakeApp();
    setupQuit({ app: mac.app, platform: 'darwin', cleanup: async () => {} });
    mac.l['window-all-closed']!();
    assert.equal(mac.quits(), 0);
  });

  test('a notification when a batch ends, with its counts, once', () => {
    let emit: (e: WatchEvent) => void = () => {};
    const notes: string[] = [];
    setupBatchNotifications({ onEvent: (cb) => ((emit = cb), () => {}) }, (t, b) => notes.push(`${t}: ${b}`));
    const batch = { type: 'batch' as const, batchId: 'b1', dir: '/scans', total: 200, rate: 3, etaS: null };
    emit({ ...batch, done: 50, failed: 1, state: 'running' });
    emit({ ...batch, done: 197, failed: 3, state: 'finished' });
    emit({ ...batch, done: 197, failed: 3, state: 'finished' });
    emit({ ...batch, batchId: 'b2', total: 10, done: 4, failed: 1, state: 'cancelled' });
    assert.deepEqual(notes, [
      'Batch finished: 197 done, 3 failed (of 200)',
      'Batch cancelled: 4 done, 1 failed, 5 not started (of 10)',
    ]);
  });
});
