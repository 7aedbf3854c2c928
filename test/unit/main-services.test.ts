import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DEFAULT_SETTINGS, type Settings } from '../../app/contracts/settings';
import type { EngineStatus } from '../../app/contracts/status';
import { mergeSettings } from '../../app/settings/settings-store';
import { appPaths } from '../../main/app-paths';
import { setupEngineSignals } from '../../main/engine-signals';
import { setupHttpApi } from '../../main/http-api';
import { createFileLog } from '../../main/log';
import { applyLoginItem, AUTOSTART_FILE, autostartEntry, startsInTray } from '../../main/login-item';
import { setupSettingsEffects } from '../../main/settings-effects';
import { WindowRegistry, type RegisteredWindow } from '../../main/window-registry';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-main-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** In-memory settings with change listeners, merged like the real store. */
function memorySettings(initial: Partial<Settings> = {}) {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial };
  const cbs = new Set<(n: Settings, p: Settings) => void>();
  return {
    get: () => current,
    set: async (patch: unknown) => {
      const prev = current;
      current = mergeSettings(current, patch);
      for (const cb of cbs) cb(current, prev);
      return current;
    },
    onChange: (cb: (n: Settings, p: Settings) => void) => {
      cbs.add(cb);
      return () => cbs.delete(cb);
    },
  };
}

describe('settings apply without a restart', () => {
  test('provider, threads and idle policy reconfigure the engine; other settings do not', async () => {
    const s = memorySettings();
    const reconf: unknown[] = [];
    const login: boolean[] = [];
    setupSettingsEffects({
      settings: s,
      reconfigureEngine: (n) => reconf.push(n),
      setLaunchAtLogin: async (e) => void login.push(e),
      log: () => {},
    });
    await s.set({ language: 'zh-CN', closeToTray: false });
    assert.deepEqual(reconf, []);
    await s.set({ provider: 'cpu', threads: 2 });
    await s.set({ idlePolicy: { kind: 'unload-after', minutes: 10 } });
    assert.deepEqual(reconf, [
      { provider: 'cpu', threads: 2, idlePolicy: { kind: 'always-warm' } },
      { provider: 'cpu', threads: 2, idlePolicy: { kind: 'unload-after', minutes: 10 } },
    ]);
    await s.set({ launchAtLogin: true });
    await s.set({ launchAtLogin: true });
    assert.deepEqual(login, [true]);
  });

  test('the HTTP API starts when enabled (a token is generated and saved), moves with its port, stops when disabled', async () => {
    const s = memorySettings();
    const events: string[] = [];
    const api = setupHttpApi({
      settings: s,
      start: async ({ port, token }) => {
        events.push(`start ${port} ${token.length}`);
        return { url: `http://127.0.0.1:${port}`, close: async () => void events.push(`close ${port}`) };
      },
      log: () => {},
    });
    await api.settled();
    assert.deepEqual(events, [], 'off by default');
    await s.set({ http: { enabled: true } });
    await api.settled();
    await api.settled();
    const token = s.get().http.token;
    assert.ok(token && token.length >= 32, 'a token was generated and saved');
    assert.deepEqual(events, [`start 8765 ${token.length}`]);
    assert.equal(api.url, 'http://127.0.0.1:8765');
    await s.set({ http: { port: 9000 } });
    await api.settled();
    assert.deepEqual(events.slice(1), ['close 8765', `start 9000 ${token.length}`]);
    assert.equal(s.get().http.token, token, 'the token is kept');
    await s.set({ http: { enabled: false } });
    await api.settled();
    assert.deepEqual(events.slice(3), ['close 9000']);
    assert.equal(api.url, null);
  });

  test('a port in use is logged and shown to the user, not fatal; close() stops a running server', async () => {
    const s = memorySettings({ http: { enabled: true, port: 8765, token: 'x'.repeat(20) } });
    const logs: string[] = [];
    const notes: string[] = [];
    let fail = true;
    const api = setupHttpApi({
      settings: s,
      start: async ({ port }) => {
        if (fail) throw new Error('EADDRINUSE');
        return { url: `http://127.0.0.1:${port}`, close: async () => void logs.push('closed') };
      },
      log: (_l, m) => logs.push(m),
      notify: (title, body) => notes.push(`${title} | ${body}`),
    });
    await api.settled();
    assert.match(logs[0] ?? '', /could not start on port 8765: EADDRINUSE/);
    // Settings says it is on: only a notification tells the user that nothing listens.
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /^The HTTP API is not running \| .*port 8765.*EADDRINUSE.*Settings/);
    fail = false;
    await s.set({ http: { port: 8766 } });
    await api.settled();
    assert.equal(api.url, 'http://127.0.0.1:8766');
    assert.equal(notes.length, 1, 'nothing to tell once it runs');
    await api.close();
    assert.ok(logs.includes('closed'));
    assert.equal(api.url, null);
  });
});

describe('engine signals', () => {
  test('after resume from sleep: a self-test while the model is loaded, nothing while unloaded', async () => {
    let resume: () => void = () => {};
    let loaded = true;
    let tests = 0;
    const logs: string[] = [];
    setupEngineSignals({
      powerMonitor: { on: (_e, l) => (resume = l) },
      engine: {
        get status() {
          return { modelLoaded: loaded } as EngineStatus;
        },
        selfTest: async () => {
          tests++;
          return { ok: false, text: 'Lantem', ms: 12 };
        },
      },
      log: (_l, m) => logs.push(m),
    });
    resume();
    await new Promise((r) => setImmediate(r));
    assert.equal(tests, 1);
    assert.match(logs[0] ?? '', /self-test failed \("Lantem"\): restarting in 12 ms/);
    loaded = false;
    resume();
    assert.equal(tests, 1);
  });
});

describe('launch at login', () => {
  test('Linux: an XDG autostart entry that starts hidden, removed when switched off', async () => {
    const autostartDir = path.join(dir, 'autostart');
    const o = {
      app: { setLoginItemSettings: () => assert.fail('not on Linux') },
      platform: 'linux' as const,
      autostartDir,
    };
    await applyLoginItem({ ...o, enabled: true, execPath: '/opt/Lantern OCR/lantern-ocr' });
    const entry = readFileSync(path.join(autostartDir, AUTOSTART_FILE), 'utf8');
    assert.match(entry, /^Exec="\/opt\/Lantern OCR\/lantern-ocr" --hidden$/m);
    assert.match(entry, /^\[Desktop Entry\]$/m);
    await applyLoginItem({ ...o, enabled: false, execPath: '/x' });
    assert.equal(existsSync(path.join(autostartDir, AUTOSTART_FILE)), false);
    assert.match(autostartEntry('/a"b$c', ['/app']), /Exec="\/a\\"b\\\$c" "\/app" --hidden/);
  });

  test('Windows: setLoginItemSettings with the program and --hidden; macOS: openAtLogin only', async () => {
    const calls: unknown[] = [];
    const app = { setLoginItemSettings: (s: unknown) => void calls.push(s) };
    await applyLoginItem({
      app,
      platform: 'win32',
      enabled: true,
      execPath: 'C:\\L\\Lantern OCR.exe',
      autostartDir: dir,
    });
    await applyLoginItem({
      app,
      platform: 'win32',
      enabled: true,
      execPath: 'C:\\n\\electron.exe',
      execArgs: ['C:\\My Code\\lantern'],
      autostartDir: dir,
    });
    await applyLoginItem({ app, platform: 'darwin', enabled: false, execPath: 'x', autostartDir: dir });
    assert.deepEqual(calls, [
      { openAtLogin: true, path: 'C:\\L\\Lantern OCR.exe', args: ['--hidden'] },
      { openAtLogin: true, path: 'C:\\n\\electron.exe', args: ['"C:\\My Code\\lantern"', '--hidden'] },
      { openAtLogin: false },
    ]);
    assert.deepEqual(readdirSync(dir), []);
  });

  test('--hidden starts in the tray on every platform; so does a macOS login launch, which takes no arguments', () => {
    const at = (wasOpenedAtLogin: boolean) => ({ getLoginItemSettings: () => ({ wasOpenedAtLogin }) });
    assert.equal(startsInTray('darwin', ['/A.app/Contents/MacOS/L'], at(true)), true);
    assert.equal(startsInTray('darwin', ['/A.app/Contents/MacOS/L', '--hidden'], at(false)), true);
    assert.equal(startsInTray('darwin', ['/A.app/Contents/MacOS/L'], at(false)), false);
    assert.equal(startsInTray('win32', ['L.exe', '--hidden'], at(false)), true);
    assert.equal(startsInTray('win32', ['L.exe'], at(true)), false, 'Windows login items pass --hidden');
    assert.equal(startsInTray('linux', ['lantern-ocr'], at(true)), false);
    assert.equal(startsInTray('linux', ['electron', '.', '--hidden'], at(false)), true);
  });
});

describe('paths, log and windows', () => {
  test('packaged: models from resources, bundles from the asar; unpackaged: from the repository', () => {
    const packed = appPaths({
      appPath: '/opt/L/resources/app.asar',
      resourcesPath: '/opt/L/resources',
      isPackaged: true,
      userData: '/u',
      env: {},
    });
    assert.equal(packed.modelsDir, '/opt/L/resources/models');
    assert.equal(packed.enginePath, '/opt/L/resources/app.asar/dist/node/engine.mjs');
    assert.equal(packed.preload, '/opt/L/resources/app.asar/dist/main/preload.cjs');
    assert.equal(packed.windowIcon, '/opt/L/resources/app.asar/dist/icons/256x256.png');
    assert.equal(packed.rendererRoot, '/opt/L/resources/app.asar/dist/renderer');
    assert.equal(packed.ledgerFile, '/u/lantern.db');
    const dev = appPaths({
      appPath: '/repo',
      resourcesPath: '/e/resources',
      isPackaged: false,
      userData: '/u',
      env: { LANTERN_MODELS_DIR: '/m' },
    });
    assert.equal(dev.modelsDir, '/m');
    assert.equal(dev.enginePath, '/repo/dist/node/engine.mjs');
  });

  test('the log file has levels, timestamps and sources, one line per entry, and rotates', () => {
    const log = createFileLog({ dir, maxBytes: 300, keep: 2 });
    log('info', 'engine ready', 'host');
    log('warn', 'multi\nline');
    const lines = readFileSync(log.file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 2);
    assert.match(lines[0]!, /^\d{4}-\d\d-\d\dT[\d:.]+Z INFO {2}\[host\] engine ready$/);
    assert.match(lines[1]!, /WARN {2}\[main\] multi ⏎ line$/);
    for (let i = 0; i < 20; i++) log('debug', `line ${i} ${'x'.repeat(40)}`);
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, ['lantern.log', 'lantern.log.1', 'lantern.log.2']);
    for (const f of files) assert.ok(readFileSync(path.join(dir, f)).length <= 300, f);
    assert.match(readFileSync(log.file, 'utf8'), /line 19/);
  });

  test('a rotation that fails (the old file held elsewhere) keeps the log going in the current file', () => {
    // The generation to drop cannot be removed: what a file another program holds does to a rotation on Windows.
    mkdirSync(path.join(dir, 'lantern.log.1'));
    writeFileSync(path.join(dir, 'lantern.log.1', 'held'), '');
    const log = createFileLog({ dir, maxBytes: 300, keep: 1 });
    for (let i = 0; i < 10; i++) log('info', `line ${i} ${'x'.repeat(40)}`);
    const text = readFileSync(log.file, 'utf8');
    assert.match(text, /line 0 /);
    assert.match(text, /line 9 /, 'lines after the failed rotation are still written');
    rmSync(path.join(dir, 'lantern.log.1'), { recursive: true });
    log('info', 'rotated now');
    assert.match(readFileSync(path.join(dir, 'lantern.log.1'), 'utf8'), /line 9 /);
    assert.match(readFileSync(log.file, 'utf8'), /^\S+ INFO {2}\[main\] rotated now\n$/);
  });

  test('the registry knows our windows, forgets closed ones, and broadcasts to the live ones', () => {
    const reg = new WindowRegistry<RegisteredWindow>();
    const sent: string[] = [];
    const mk = (id: number) => {
      let onClosed = () => {};
      let destroyed = false;
      const w: RegisteredWindow = {
        webContents: { id, send: (ch) => void sent.push(`${id}:${ch}`), isDestroyed: () => destroyed },
        isDestroyed: () => destroyed,
        once: (_e, l) => (onClosed = l),
      };
      return {
        w,
        close: () => {
          destroyed = true;
          onClosed();
        },
      };
    };
    const a = mk(1);
    const b = mk(2);
    const forgotten: number[] = [];
    reg.add(a.w, (id) => forgotten.push(id));
    reg.add(b.w);
    assert.equal(reg.has(1), true);
    assert.equal(reg.has(3), false);
    reg.broadcast('s', {});
    a.close();
    assert.equal(reg.has(1), false);
    assert.deepEqual(forgotten, [1]);
    reg.broadcast('t', {});
    assert.deepEqual(sent, ['1:s', '2:s', '2:t']);
    assert.equal(reg.first(), b.w);
  });
});
