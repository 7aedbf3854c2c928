/**
 * The composition root (main/main.ts) and the preload, as bundled by scripts/build-electron.mjs, loaded under plain
 * Node with a fake `electron` module: what starts in which order, and whether the wiring holds end to end.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CAPTURE_CHANNELS } from '../../main/capture-channels';
import { IPC_OPS } from '../../app/contracts/lantern-ops';
import { eventChannel, ipcChannel, type IpcReply } from '../../main/ipc-channels';
import { createFakeElectron, loadWithFakeElectron, type FakeWindow } from '../helpers/fake-electron';
import { FakeUtilityChild } from '../helpers/fake-engine-child';
import { fakeTrayHost } from '../helpers/fake-tray-host';
import { fixture } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-app-'));
// Inside the repository, so the bundle's external packages resolve from node_modules.
const outDir = path.resolve('dist', `.test-main-${process.pid}`);
const userData = path.join(tmp, 'user-data');
// A desktop with a tray (a StatusNotifier host on the session bus), so that closing hides to the tray on Linux too.
after(fakeTrayHost(path.join(tmp, 'bin'), 'present'));
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

const forks: { modulePath: string; options: Record<string, unknown>; child: FakeUtilityChild }[] = [];
/**
 * While set, the engine holds every page image but a wide one (the first page of the test's PDF, a number plate) as
 * if still reading it: pages rendered ahead may reach it in any order.
 */
let holdAllButWide: Promise<void> | undefined;
const wide = (png: Uint8Array) => {
  const b = Buffer.from(png);
  return b.readUInt32BE(16) / b.readUInt32BE(20) > 2; // IHDR width / height
};
const fake = createFakeElectron({
  userData,
  fork: (modulePath, _args, options) => {
    const child = new FakeUtilityChild(9000 + forks.length, {
      onRequest: (m) => timeline.push(`engine:${m.type}`),
      holdRecognize: (m) => (m.input.kind === 'bytes' && !wide(m.input.bytes) ? holdAllButWide : undefined),
    });
    forks.push({ modulePath, options, child });
    return child;
  },
});
const { electron: fakeElectron, app: fakeApp, timeline, ipcHandlers, notifications, trays, quitLog } = fake;
const { sessionHandlers, shortcuts, waitFor } = fake;
const appEvents = fakeApp;
let loader: ReturnType<typeof loadWithFakeElectron>;
before(() => {
  loader = loadWithFakeElectron(fakeElectron, outDir);
});
after(() => loader.restore());

const fromWindow = (w: FakeWindow) => ({
  sender: { id: w.webContents.id },
  senderFrame: { url: 'lantern://app/index.html', parent: null },
});
const invoke = async <T>(w: FakeWindow, ch: string, payload?: unknown) =>
  (await ipcHandlers.get(ch)!(fromWindow(w), payload)) as IpcReply<T>;

describe('the bundled main process with a fake electron', () => {
  test('before ready: the lantern scheme is registered as privileged; nothing else starts', () => {
    loader.load('main.cjs');
    assert.deepEqual(timeline, ['scheme lantern']);
  });

  test('on ready: the engine is forked before the window is created, then IPC and tray', async () => {
    fake.ready();
    await waitFor('the tray', () => trays.length === 1);
    assert.deepEqual(
      timeline.filter((t) => ['fork', 'window', 'tray'].includes(t) || /^(protocol|menu)/.test(t)),
      ['menu true', 'fork', 'protocol lantern', 'window', 'tray'],
      'unpackaged: the menu keeps DevTools',
    );
    const f = forks[0]!;
    assert.equal(f.modulePath, path.resolve('dist/node/engine.mjs'));
    assert.equal(f.options.serviceName, 'Lantern OCR engine');
    assert.equal((f.options.env as Record<string, string>).LANTERN_MODELS_DIR, path.resolve('models'));
    const w = fake.windows[0]!;
    assert.equal(w.url, 'lantern://app/index.html');
    assert.equal(w.options.webPreferences?.sandbox, true);
    assert.equal(w.options.webPreferences?.contextIsolation, true);
    assert.equal(w.options.webPreferences?.preload, path.resolve('dist/main/preload.cjs'));
    assert.equal(w.options.webPreferences?.devTools, true, 'unpackaged: DevTools can open');
    if (process.platform !== 'darwin') assert.equal(w.options.icon, path.resolve('dist/icons/256x256.png'));
    assert.equal(w.webContents.listenerCount('will-navigate'), 1);
    assert.ok(sessionHandlers.request && sessionHandlers.check && sessionHandlers.device);
    assert.deepEqual(
      new Set(ipcHandlers.keys()),
      new Set([
        ...Object.keys(IPC_OPS).map((k) => ipcChannel(k as keyof typeof IPC_OPS)),
        CAPTURE_CHANNELS.frame,
      ]),
    );
    assert.deepEqual(shortcuts, ['CommandOrControl+Alt+Shift+O']);
    w.emit('ready-to-show');
    assert.equal(w.visible, true);
  });

  test('the status reaches the window and the tray once the engine is ready', async () => {
    const w = fake.windows[0]!;
    await waitFor('ready status in the window', () =>
      w.webContents.sent.some(
        ([ch, s]) => ch === eventChannel('status') && (s as { state: string }).state === 'ready',
      ),
    );
    const r = await invoke<{ state: string; provider: string }>(w, ipcChannel('getStatus'));
    assert.equal(r.ok && r.value.state, 'ready');
    await waitFor(
      'the tray menu',
      () => trays[0]!.menus.at(-1)?.some((i) => i.label === 'Model: Model ready — CPU') ?? false,
    );
  });

  test('a second launch with files: the window comes forward, granted their paths, and is sent them once', async () => {
    const w = fake.windows[0]!;
    const png = path.join(tmp, 'scan.png');
    writeFileSync(png, readFileSync(fixture('tess_eurotext.png')));
    const opened = () => w.webContents.sent.filter(([ch]) => ch === eventChannel('opened'));
    w.hide();
    appEvents.emit('second-instance', {}, ['/opt/lantern', 'ignored.png'], '/', {
      lanternFiles: [png, path.join(tmp, 'report.pdf')],
    });
    await waitFor('the opened files', () => opened().length > 0);
    assert.equal(w.visible, true);
    assert.deepEqual(opened(), [
      [
        eventChannel('opened'),
        {
          files: [
            { name: 'scan.png', path: png },
            { name: 'report.pdf', path: path.join(tmp, 'report.pdf') },
          ],
        },
      ],
    ]);
    // The window reads them by path as it reads a drop: the image's bytes for its thumbnail and recognize.
    const bytes = await invoke<Uint8Array>(w, ipcChannel('imageAt'), {
      file: { name: 'scan.png', path: png },
    });
    assert.deepEqual(bytes.ok && Buffer.from(bytes.value), readFileSync(png));
    const missing = await invoke(w, ipcChannel('recognizeDocumentAt'), {
      file: { name: 'report.pdf', path: path.join(tmp, 'report.pdf') },
    });
    assert.equal(!missing.ok && missing.error.code, 'FILE_NOT_FOUND', 'granted: only the file is missing');
    const other = await invoke(w, ipcChannel('imageAt'), {
      file: { name: 'other.png', path: path.join(tmp, 'other.png') },
    });
    assert.equal(!other.ok && other.error.code, 'FORBIDDEN', 'a path not opened stays refused');
    assert.equal(
      forks[0]!.child.requests.filter((m) => m.type === 'recognize').length,
      0,
      'main reads nothing itself',
    );
  });

  test('a foreign frame is refused by the real wiring; settings persist to the user-data folder', async () => {
    const w = fake.windows[0]!;
    const foreign = (await ipcHandlers.get(ipcChannel('getStatus'))!({
      sender: { id: w.webContents.id },
      senderFrame: { url: 'https://evil.example/', parent: null },
    })) as IpcReply<unknown>;
    assert.equal(!foreign.ok && foreign.error.code, 'FORBIDDEN');
    const r = await invoke<{ language: string }>(w, ipcChannel('settingsSet'), {
      patch: { language: 'zh-CN' },
    });
    assert.equal(r.ok && r.value.language, 'zh-CN');
    assert.equal(JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8')).language, 'zh-CN');
  });

  test('a capture shortcut another app owns is refused by the Settings save; the old one stays bound', async () => {
    const w = fake.windows[0]!;
    const settingsFile = path.join(userData, 'settings.json');
    const stored = () => JSON.parse(readFileSync(settingsFile, 'utf8')).captureShortcut as unknown;
    const before = stored();
    fake.takenShortcuts.add('Ctrl+Alt+T');
    const notesBefore = notifications.length;
    const taken = await invoke(w, ipcChannel('settingsSet'), { patch: { captureShortcut: 'Ctrl+Alt+T' } });
    assert.equal(!taken.ok && taken.error.code, 'SHORTCUT_UNAVAILABLE');
    assert.match(!taken.ok ? taken.error.message : '', /Ctrl\+Alt\+T is already used/);
    assert.deepEqual(
      [...fake.shortcutHandlers.keys()],
      ['CommandOrControl+Alt+Shift+O'],
      'the old one stays',
    );
    assert.equal(stored(), before, 'nothing saved');
    const got = await invoke<{ captureShortcut: string }>(w, ipcChannel('settingsGet'));
    assert.equal(got.ok && got.value.captureShortcut, 'CommandOrControl+Alt+Shift+O');
    assert.equal(notifications.length, notesBefore, 'the Settings field says it, no notification');

    const free = await invoke<{ captureShortcut: string }>(w, ipcChannel('settingsSet'), {
      patch: { captureShortcut: 'Super+Shift+T' },
    });
    assert.equal(free.ok && free.value.captureShortcut, 'Super+Shift+T');
    assert.deepEqual([...fake.shortcutHandlers.keys()], ['Super+Shift+T']);
    assert.equal(stored(), 'Super+Shift+T');
    const back = await invoke(w, ipcChannel('settingsSet'), {
      patch: { captureShortcut: 'CommandOrControl+Alt+Shift+O' },
    });
    assert.ok(back.ok);
    assert.deepEqual([...fake.shortcutHandlers.keys()], ['CommandOrControl+Alt+Shift+O']);
  });

  test('a crashed page is loaded again: the window does not stay blank', () => {
    const w = fake.windows[0]!;
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    assert.equal(w.webContents.reloads, 1);
  });

  test('a document read for a page that reloads is cancelled: the tray line goes at once, History gets nothing', async () => {
    const w = fake.windows[0]!;
    const pdf = img2pdf(
      ['plate_000.jpg', 'tess_eurotext.png', 'tess_eurotext.png'].map((f) => fixture(f)),
      path.join(tmp, 'three.pdf'),
    );
    const granted = await invoke(w, ipcChannel('grantDroppedPaths'), { paths: [pdf] });
    assert.ok(granted.ok);
    let release: () => void = () => {};
    holdAllButWide = new Promise<void>((r) => (release = r));
    const documentLine = () => trays[0]!.menus.at(-1)?.find((i) => i.id === 'document')?.label;
    const reading = invoke(w, ipcChannel('recognizeDocumentAt'), {
      file: { name: 'three.pdf', path: pdf },
      options: { requestId: 'doc-of-a-page-gone' },
    });
    await waitFor('page 1 in the tray', () => documentLine() === 'Page 1 of 3 — three.pdf');
    w.webContents.reload(); // Ctrl+R in development
    assert.equal(documentLine(), undefined, 'the tray line goes with the page');
    const r = await reading;
    assert.equal(!r.ok && r.error.code, 'CANCELLED');
    release();
    holdAllButWide = undefined;
    const history = await invoke<{ name: string }[]>(w, ipcChannel('historyList'), {});
    assert.ok(history.ok && !history.value.some((e) => e.name === 'three.pdf'), 'nothing recorded');
  });

  test('resume from sleep runs a self-test on the engine', async () => {
    fakeElectron.powerMonitor.emit('resume');
    await waitFor('a selfTest request', () => forks[0]!.child.requests.some((m) => m.type === 'selfTest'));
  });

  test('closing the window hides it to the tray with a one-time notice; Quit stops the engine and really quits', async () => {
    const w = fake.windows[0]!;
    const logFile = path.join(userData, 'logs', 'lantern.log');
    await waitFor(
      'the tray host probe',
      () => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('tray host: present'),
      30_000,
    );
    assert.equal(w.close(), true);
    assert.equal(w.visible, false);
    await waitFor('the notice', () =>
      notifications.includes(
        'Lantern OCR is still running | It keeps working in the tray. Choose Quit in the tray menu to exit; Settings can change this.',
      ),
    );
    fakeApp.quit();
    // A launch while the engine and watchers stop: this instance still holds the lock, so the launch gave up its
    // files to it and exited. No window is made for an app about to go; a fresh one starts with them once it has.
    const windowsBefore = fake.windows.length;
    const late = path.join(tmp, 'late.png');
    appEvents.emit('second-instance', {}, ['/opt/lantern', late], '/', { lanternFiles: [late] });
    assert.equal(fake.windows.length, windowsBefore, 'no window is made while quitting');
    assert.equal(w.visible, false, 'nor shown');
    assert.deepEqual(
      quitLog.filter((l) => l.startsWith('relaunch')),
      [`relaunch ${JSON.stringify([late])}`],
    );
    await waitFor('the quit', () => quitLog.includes('quit done'));
    assert.ok(
      forks[0]!.child.requests.some((m) => m.type === 'shutdown'),
      'the engine was asked to shut down',
    );
    assert.equal(forks[0]!.child.exited, true);
    assert.ok(!timeline.some((t) => t.startsWith('error-box')), timeline.join('\n'));
  });
});

describe('the bundled preload', () => {
  test('requires only electron and exposes window.lantern and window.lanternDesktop through contextBridge', () => {
    const exposed = new Map<string, unknown>();
    const listeners: string[] = [];
    const g = globalThis as { window?: unknown };
    g.window = { addEventListener: (ev: string) => listeners.push(ev) };
    const saved = fakeElectron as Record<string, unknown>;
    saved.contextBridge = { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) };
    saved.ipcRenderer = {
      invoke: async () => ({ ok: true, value: null }),
      send: () => {},
      on: () => {},
      removeListener: () => {},
    };
    saved.webUtils = { getPathForFile: () => '' };
    try {
      loader.load('preload.cjs');
    } finally {
      delete g.window;
    }
    assert.deepEqual(loader.required, ['electron']);
    assert.deepEqual([...exposed.keys()], ['lantern', 'lanternDesktop', 'lanternCapture']);
    assert.equal(typeof (exposed.get('lantern') as { recognize: unknown }).recognize, 'function');
    assert.ok(!('ipcRenderer' in (exposed.get('lantern') as object)));
    assert.deepEqual(listeners, ['dragenter']);
  });
});
