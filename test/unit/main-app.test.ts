/**
 * The composition root (main/main.ts) and the preload, as bundled by scripts/build-electron.mjs, loaded under plain
 * Node with a fake `electron` module: what starts in which order, and whether the wiring holds end to end.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EngineRequest, WorkerMessage } from '../../app/contracts/engine-protocol';
import type { HistoryEntry } from '../../app/contracts/lantern-api';
import { CAPTURE_CHANNELS } from '../../main/capture-channels';
import { EVENTS, INVOKE, type IpcReply } from '../../main/ipc-channels';
import { fakeTrayHost } from '../helpers/fake-tray-host';

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

const timeline: string[] = [];
const waitFor = async (what: string, ok: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; timeline: ${timeline.join(', ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** A fake engine worker: ready shortly after start, answers every request. */
class FakeUtilityChild extends EventEmitter {
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
  readonly requests: EngineRequest[] = [];
  exited = false;
  constructor(readonly pid: number) {
    super();
    setTimeout(
      () =>
        this.send({
          type: 'status',
          phase: 'ready',
          ready: {
            provider: 'cpu',
            providerSummary: 'CPU',
            loadMs: { det: 1, cls: 1, rec: 1 },
            warmupMs: 1,
            readyMs: 3,
          },
        }),
      20,
    );
  }
  send(m: WorkerMessage) {
    if (!this.exited) this.emit('message', m);
  }
  postMessage(m: EngineRequest) {
    this.requests.push(m);
    timeline.push(`engine:${m.type}`);
    setImmediate(() => {
      if (m.type === 'ping') this.send({ id: m.id, ok: true, result: { t: 0, rss: 0 } });
      else if (m.type === 'selfTest')
        this.send({ id: m.id, ok: true, result: { ok: true, text: 'Lantern', ms: 1 } });
      else if (m.type === 'recognize')
        this.send({
          id: m.id,
          ok: true,
          result: {
            file: m.input.kind === 'path' ? m.input.path : 'x',
            width: 1,
            height: 1,
            lines: [
              {
                text: 'hi',
                score: 1,
                box: [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                  [0, 1],
                ],
              },
            ],
            text: 'hi',
            ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 0 },
            provider: 'cpu',
          },
        });
      else if (m.type === 'shutdown') {
        this.send({ id: m.id, ok: true, result: {} });
        this.kill();
      }
    });
  }
  kill() {
    if (this.exited) return true;
    this.exited = true;
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
}

class FakeWebContents extends EventEmitter {
  static next = 10;
  readonly id = FakeWebContents.next++;
  readonly sent: [string, unknown][] = [];
  openHandler: unknown = null;
  send(ch: string, payload: unknown) {
    this.sent.push([ch, payload]);
  }
  isDestroyed() {
    return false;
  }
  setWindowOpenHandler(h: unknown) {
    this.openHandler = h;
  }
}

class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  url = '';
  constructor(readonly options: { icon?: string; webPreferences?: Record<string, unknown> }) {
    super();
    FakeBrowserWindow.all.push(this);
    timeline.push('window');
  }
  async loadURL(url: string) {
    this.url = url;
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return false;
  }
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented;
  }
}

const ipcHandlers = new Map<string, (e: unknown, p?: unknown) => Promise<unknown>>();
const forks: { modulePath: string; options: Record<string, unknown>; child: FakeUtilityChild }[] = [];
const notifications: string[] = [];
const trays: { images: unknown[]; menus: { label?: string; id?: string }[][] }[] = [];
let readyResolve: () => void = () => {};
const appEvents = new EventEmitter();
const quitLog: string[] = [];
const fakeApp = Object.assign(appEvents, {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise<void>((r) => (readyResolve = r)),
  getAppPath: () => path.resolve('.'),
  getPath: (name: string) => {
    assert.equal(name, 'userData');
    return userData;
  },
  getVersion: () => '0.1.0',
  setAppUserModelId: () => {},
  setLoginItemSettings: () => {},
  getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
  exit: (code: number) => quitLog.push(`exit ${code}`),
  quit: () => {
    quitLog.push('quit');
    appEvents.emit('before-quit');
    let prevented = false;
    appEvents.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) quitLog.push('quit done');
  },
});
const sessionHandlers: Record<string, unknown> = {};

/** Accelerators main registered (the capture shortcut). */
const shortcuts: string[] = [];

const fakeElectron = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  clipboard: { read: async () => [], writeText: async () => {} },
  desktopCapturer: { getSources: async () => [] },
  globalShortcut: {
    register: (acc: string) => (shortcuts.push(acc), true),
    unregister: () => {},
  },
  screen: {
    getAllDisplays: () => [],
    getCursorScreenPoint: () => ({ x: 0, y: 0 }),
    getDisplayNearestPoint: () => ({ id: 1 }),
  },
  systemPreferences: { getMediaAccessStatus: () => 'granted' },
  dialog: {
    showErrorBox: (t: string, b: string) => timeline.push(`error-box ${t} ${b}`),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
  },
  ipcMain: {
    handle: (ch: string, fn: (e: unknown, p?: unknown) => Promise<unknown>) => ipcHandlers.set(ch, fn),
    on: () => {},
  },
  Menu: {
    buildFromTemplate: (t: unknown) => t,
    setApplicationMenu: (m: { submenu?: { role?: string }[] }[]) =>
      timeline.push(`menu ${m.flatMap((i) => i.submenu ?? []).some((i) => i.role === 'toggleDevTools')}`),
  },
  nativeImage: {
    createEmpty: () => {
      const reps: { scaleFactor: number; buffer: Buffer }[] = [];
      return { reps, addRepresentation: (r: { scaleFactor: number; buffer: Buffer }) => void reps.push(r) };
    },
  },
  Notification: class {
    static isSupported = () => true;
    constructor(readonly o: { title: string; body: string }) {}
    show() {
      notifications.push(`${this.o.title} | ${this.o.body}`);
    }
  },
  powerMonitor: new EventEmitter(),
  protocol: {
    registerSchemesAsPrivileged: (s: { scheme: string }[]) =>
      timeline.push(`scheme ${s.map((x) => x.scheme).join()}`),
    handle: (scheme: string) => timeline.push(`protocol ${scheme}`),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (h: unknown) => (sessionHandlers.request = h),
      setPermissionCheckHandler: (h: unknown) => (sessionHandlers.check = h),
      setDevicePermissionHandler: (h: unknown) => (sessionHandlers.device = h),
    },
  },
  shell: { openExternal: async () => {}, openPath: async () => '' },
  Tray: class {
    readonly rec = { images: [] as unknown[], menus: [] as { label?: string; id?: string }[][] };
    constructor(image: unknown) {
      this.rec.images.push(image);
      trays.push(this.rec);
      timeline.push('tray');
    }
    setImage(i: unknown) {
      this.rec.images.push(i);
    }
    setToolTip() {}
    setContextMenu(m: { label?: string; id?: string }[]) {
      this.rec.menus.push(m);
    }
    on() {}
    destroy() {}
  },
  utilityProcess: {
    fork: (modulePath: string, _args: string[], options: Record<string, unknown>) => {
      const child = new FakeUtilityChild(9000 + forks.length);
      forks.push({ modulePath, options, child });
      timeline.push('fork');
      return child;
    },
  },
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const mod = Module as unknown as { _load: Loader };
const originalLoad = mod._load;
const required: string[] = [];

before(() => {
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], {
    env: { ...process.env, LANTERN_ELECTRON_OUTDIR: outDir },
    stdio: 'pipe',
  });
  mod._load = function (request, parent, isMain) {
    if ((parent as { filename?: string } | undefined)?.filename?.endsWith('preload.cjs'))
      required.push(request);
    if (request === 'electron') return fakeElectron;
    return originalLoad.call(this, request, parent, isMain);
  };
});
after(() => {
  mod._load = originalLoad;
});

const fromWindow = (w: FakeBrowserWindow) => ({
  sender: { id: w.webContents.id },
  senderFrame: { url: 'lantern://app/index.html', parent: null },
});
const invoke = async <T>(w: FakeBrowserWindow, ch: string, payload?: unknown) =>
  (await ipcHandlers.get(ch)!(fromWindow(w), payload)) as IpcReply<T>;

describe('the bundled main process with a fake electron', () => {
  test('before ready: the lantern scheme is registered as privileged; nothing else starts', () => {
    const r = Module.createRequire(import.meta.url);
    r(path.join(outDir, 'main.cjs'));
    assert.deepEqual(timeline, ['scheme lantern']);
  });

  test('on ready: the engine is forked before the window is created, then IPC and tray', async () => {
    readyResolve();
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
    const w = FakeBrowserWindow.all[0]!;
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
      new Set([...Object.values(INVOKE), CAPTURE_CHANNELS.frame]),
    );
    assert.deepEqual(shortcuts, ['CommandOrControl+Alt+Shift+O']);
    w.emit('ready-to-show');
    assert.equal(w.visible, true);
  });

  test('the status reaches the window and the tray once the engine is ready', async () => {
    const w = FakeBrowserWindow.all[0]!;
    await waitFor('ready status in the window', () =>
      w.webContents.sent.some(
        ([ch, s]) => ch === EVENTS.status && (s as { state: string }).state === 'ready',
      ),
    );
    const r = await invoke<{ state: string; provider: string }>(w, INVOKE.getStatus);
    assert.equal(r.ok && r.value.state, 'ready');
    await waitFor(
      'the tray menu',
      () => trays[0]!.menus.at(-1)?.some((i) => i.label === 'Model: Model ready — CPU') ?? false,
    );
  });

  test('a second launch with a file: recognised by path, in history, sent to the window, notified', async () => {
    const w = FakeBrowserWindow.all[0]!;
    appEvents.emit('second-instance', {}, ['/opt/lantern', 'ignored.png'], '/', {
      lanternFiles: ['/tmp/scan.png'],
    });
    await waitFor('the external result', () =>
      w.webContents.sent.some(([ch]) => ch === EVENTS.externalResult),
    );
    const req = forks[0]!.child.requests.find((m) => m.type === 'recognize');
    assert.deepEqual(req && req.type === 'recognize' && req.input, { kind: 'path', path: '/tmp/scan.png' });
    const h = await invoke<HistoryEntry[]>(w, INVOKE.historyList, {});
    assert.deepEqual(h.ok && h.value.map((e) => [e.name, e.result.text]), [['scan.png', 'hi']]);
    await waitFor('the notification', () => notifications.some((n) => n.startsWith('Text recognised')));
  });

  test('a foreign frame is refused by the real wiring; settings persist to the user-data folder', async () => {
    const w = FakeBrowserWindow.all[0]!;
    const foreign = (await ipcHandlers.get(INVOKE.getStatus)!({
      sender: { id: w.webContents.id },
      senderFrame: { url: 'https://evil.example/', parent: null },
    })) as IpcReply<unknown>;
    assert.equal(!foreign.ok && foreign.error.code, 'FORBIDDEN');
    const r = await invoke<{ language: string }>(w, INVOKE.settingsSet, { patch: { language: 'zh-CN' } });
    assert.equal(r.ok && r.value.language, 'zh-CN');
    assert.equal(JSON.parse(readFileSync(path.join(userData, 'settings.json'), 'utf8')).language, 'zh-CN');
  });

  test('resume from sleep runs a self-test on the engine', async () => {
    fakeElectron.powerMonitor.emit('resume');
    await waitFor('a selfTest request', () => forks[0]!.child.requests.some((m) => m.type === 'selfTest'));
  });

  test('closing the window hides it to the tray with a one-time notice; Quit stops the engine and really quits', async () => {
    const w = FakeBrowserWindow.all[0]!;
    const logFile = path.join(userData, 'logs', 'lantern.log');
    await waitFor(
      'the tray host probe',
      () => existsSync(logFile) && readFileSync(logFile, 'utf8').includes('tray host: present'),
    );
    assert.equal(w.close(), true);
    assert.equal(w.visible, false);
    await waitFor('the notice', () =>
      notifications.includes(
        'Lantern OCR is still running | It keeps working in the tray. Choose Quit in the tray menu to exit; Settings can change this.',
      ),
    );
    fakeApp.quit();
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
      Module.createRequire(import.meta.url)(path.join(outDir, 'preload.cjs'));
    } finally {
      delete g.window;
    }
    assert.deepEqual(required, ['electron']);
    assert.deepEqual([...exposed.keys()], ['lantern', 'lanternDesktop', 'lanternCapture']);
    assert.equal(typeof (exposed.get('lantern') as { recognize: unknown }).recognize, 'function');
    assert.ok(!('ipcRenderer' in (exposed.get('lantern') as object)));
    assert.deepEqual(listeners, ['dragenter']);
  });
});
