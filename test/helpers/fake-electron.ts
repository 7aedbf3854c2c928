/**
 * A fake `electron` module for loading the bundled main process (dist/main/main.cjs) under plain Node: the parts of
 * Electron main.ts touches, recording what happens, and a require hook that hands it out in place of 'electron'.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import Module from 'node:module';
import path from 'node:path';
import type { UtilityProcessLike } from '../../main/electron-launcher';

/** Options of the fake. */
export interface FakeElectronOptions {
  /** app.getPath('userData'). */
  readonly userData: string;
  /** utilityProcess.fork. */
  readonly fork: (modulePath: string, args: string[], options: Record<string, unknown>) => UtilityProcessLike;
  /** Pages stay loading until `finishLoad()` (default: loaded at once). */
  readonly pagesLoad?: boolean;
}

/** Waits until `ok()` holds, polling; fails naming `what` and the timeline after `ms`. */
export async function waitFor(what: string, ok: () => boolean, timeline: readonly string[], ms = 5000) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; timeline: ${timeline.join(', ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

let nextWebContentsId = 10;

/** Builds a fake electron module with its recorders. */
export function createFakeElectron(o: FakeElectronOptions) {
  const timeline: string[] = [];
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, (e: unknown, p?: unknown) => Promise<unknown>>();
  const notifications: string[] = [];
  const trays: { images: unknown[]; menus: { label?: string; id?: string }[][] }[] = [];
  const quitLog: string[] = [];
  const sessionHandlers: Record<string, unknown> = {};
  /** Accelerators main registered (the capture shortcut), and what each runs. */
  const shortcuts: string[] = [];
  const shortcutHandlers = new Map<string, () => void>();
  /** Accelerators another application owns: registering them fails, as Electron's register returns false. */
  const takenShortcuts = new Set<string>();
  /** ipcMain.on listeners by channel. */
  const ipcListeners = new Map<string, ((e: unknown, ...args: unknown[]) => void)[]>();
  /** Every notification shown, with its options; emit('click') is the user's click. */
  const shown: FakeNotification[] = [];
  /** What main wrote to the clipboard. */
  const clipboardText: string[] = [];
  let readyResolve: () => void = () => {};
  const appEvents = new EventEmitter();

  class FakeWebContents extends EventEmitter {
    readonly id = nextWebContentsId++;
    readonly sent: [string, unknown][] = [];
    openHandler: unknown = null;
    send(ch: string, payload: unknown) {
      this.sent.push([ch, payload]);
    }
    destroyed = false;
    isDestroyed() {
      return this.destroyed;
    }
    loading = o.pagesLoad === true;
    isLoading() {
      return this.loading;
    }
    /** The page has loaded: `did-finish-load`. */
    finishLoad() {
      this.loading = false;
      this.emit('did-finish-load');
    }
    setWindowOpenHandler(h: unknown) {
      this.openHandler = h;
    }
    reloads = 0;
    /** As Electron's: the page goes, a main-frame navigation to the same URL starts. */
    reload() {
      this.reloads++;
      this.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    visible = false;
    destroyed = false;
    url = '';
    constructor(readonly options: { icon?: string; webPreferences?: Record<string, unknown> }) {
      super();
      windows.push(this);
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
    focused = false;
    focus() {
      this.focused = true;
    }
    setAlwaysOnTop() {}
    isMinimized() {
      return false;
    }
    restore() {}
    isDestroyed() {
      return this.destroyed;
    }
    /** Like a user's close: true when prevented (hidden instead); else the window goes, and with the last one the app hears window-all-closed. */
    close() {
      let prevented = false;
      this.emit('close', { preventDefault: () => (prevented = true) });
      if (prevented) return true;
      this.destroyed = true;
      this.visible = false;
      timeline.push('window closed');
      this.webContents.destroyed = true;
      this.webContents.emit('destroyed');
      this.emit('closed');
      if (windows.every((w) => w.destroyed)) appEvents.emit('window-all-closed');
      return false;
    }
  }

  class FakeNotification extends EventEmitter {
    static isSupported = () => true;
    constructor(readonly n: { title: string; body: string; actions?: { type: string; text: string }[] }) {
      super();
    }
    show() {
      shown.push(this);
      notifications.push(`${this.n.title} | ${this.n.body}`);
    }
  }

  const app = Object.assign(appEvents, {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => new Promise<void>((r) => (readyResolve = r)),
    getAppPath: () => path.resolve('.'),
    getPath: (name: string) => {
      assert.equal(name, 'userData');
      return o.userData;
    },
    getVersion: () => '0.1.0',
    setAppUserModelId: () => {},
    setLoginItemSettings: () => {},
    getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
    exit: (code: number) => quitLog.push(`exit ${code}`),
    relaunch: (o?: { args?: string[] }) => quitLog.push(`relaunch ${JSON.stringify(o?.args ?? null)}`),
    quit: () => {
      quitLog.push('quit');
      appEvents.emit('before-quit');
      let prevented = false;
      appEvents.emit('will-quit', { preventDefault: () => (prevented = true) });
      if (!prevented) quitLog.push('quit done');
    },
  });

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    clipboard: { read: async () => [], writeText: async (t: string) => void clipboardText.push(t) },
    desktopCapturer: { getSources: async () => [] },
    globalShortcut: {
      register: (acc: string, cb: () => void) =>
        takenShortcuts.has(acc) || shortcutHandlers.has(acc)
          ? false
          : (shortcuts.push(acc), shortcutHandlers.set(acc, cb), true),
      unregister: (acc: string) => void shortcutHandlers.delete(acc),
    },
    screen: {
      getAllDisplays: () => [],
      getCursorScreenPoint: () => ({ x: 0, y: 0 }),
      getDisplayNearestPoint: () => ({ id: 1 }),
    },
    systemPreferences: { getMediaAccessStatus: () => 'granted' },
    dialog: {
      showErrorBox: (t: string, b: string) => timeline.push(`error-box ${t} ${b}`),
      /** Cancelled unless a test sets what the user chooses. */
      showOpenDialog: async (): Promise<{ canceled: boolean; filePaths: string[] }> => ({
        canceled: true,
        filePaths: [],
      }),
    },
    ipcMain: {
      handle: (ch: string, fn: (e: unknown, p?: unknown) => Promise<unknown>) => ipcHandlers.set(ch, fn),
      on: (ch: string, fn: (e: unknown, ...args: unknown[]) => void) =>
        void ipcListeners.set(ch, [...(ipcListeners.get(ch) ?? []), fn]),
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
    Notification: FakeNotification,
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
      fork: (modulePath: string, args: string[], options: Record<string, unknown>) => {
        timeline.push('fork');
        return o.fork(modulePath, args, options);
      },
    },
  };

  return {
    electron,
    app,
    timeline,
    windows,
    ipcHandlers,
    notifications,
    trays,
    quitLog,
    sessionHandlers,
    shortcuts,
    shortcutHandlers,
    takenShortcuts,
    ipcListeners,
    shown,
    clipboardText,
    /** Resolves app.whenReady(). */
    ready: () => readyResolve(),
    waitFor: (what: string, ok: () => boolean, ms?: number) => waitFor(what, ok, timeline, ms),
  };
}

/** A fake BrowserWindow as created by the fake. */
export type FakeWindow = ReturnType<typeof createFakeElectron>['windows'][number];

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;

/**
 * Bundles main and preload into `outDir` (inside the repository, so their external packages resolve from
 * node_modules) and makes require('electron') return `electron`; `required` lists what the preload requires.
 */
export function loadWithFakeElectron(electron: object, outDir: string) {
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], {
    env: { ...process.env, LANTERN_ELECTRON_OUTDIR: outDir },
    stdio: 'pipe',
  });
  const mod = Module as unknown as { _load: Loader };
  const originalLoad = mod._load;
  const required: string[] = [];
  mod._load = function (request, parent, isMain) {
    if ((parent as { filename?: string } | undefined)?.filename?.endsWith('preload.cjs'))
      required.push(request);
    if (request === 'electron') return electron;
    return originalLoad.call(this, request, parent, isMain);
  };
  return {
    required,
    /** Requires a bundle from outDir (main.cjs runs its top level: the scheme, the lock, whenReady). */
    load: (file: string) => Module.createRequire(import.meta.url)(path.join(outDir, file)) as unknown,
    restore: () => {
      mod._load = originalLoad;
    },
  };
}
