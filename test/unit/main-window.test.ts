import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate } from '../../main/app-menu';
import {
  createAppProtocolHandler,
  registerAppScheme,
  resolveAppFile,
  setupAppProtocol,
} from '../../main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../main/csp';
import { setupPermissions, type PermissionSession } from '../../main/permissions';
import { APP_URL } from '../../main/sender-check';
import {
  secureWebContents,
  type PreventableEvent,
  type WebContentsLike,
} from '../../main/web-contents-security';
import { createMainWindow } from '../../main/window';
import { reloadWhenGone } from '../../main/renderer-recovery';
import { onPageGone, type PageGoneReason } from '../../main/page-gone';
import { EventEmitter } from 'node:events';

class FakeWindow {
  static created: FakeWindow[] = [];
  readonly webContents = { id: 3 };
  readonly handlers = new Map<string, (() => void)[]>();
  shown = 0;
  loaded: string[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    FakeWindow.created.push(this);
  }
  once(event: string, l: () => void) {
    this.on(event, l);
  }
  on(event: string, l: () => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), l]);
  }
  emit(event: string) {
    for (const l of this.handlers.get(event) ?? []) l();
  }
  show() {
    this.shown++;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
}

class FakeWebContents implements WebContentsLike {
  readonly listeners = new Map<string, (e: PreventableEvent) => void>();
  openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  on(event: string, l: (e: PreventableEvent) => void) {
    this.listeners.set(event, l);
    return this;
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }) {
    this.openHandler = h;
  }
  /** Fires an event; true when the handler prevented it. */
  fire(event: string, url: string): boolean {
    let prevented = false;
    this.listeners.get(event)!({ url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

describe('the main window', () => {
  test('is sandboxed and context-isolated, without Node, and loads the UI from lantern://app/', () => {
    let secured = 0;
    const win = createMainWindow({
      BrowserWindow: FakeWindow,
      preload: '/app/dist/main/preload.cjs',
      startHidden: false,
      secure: () => secured++,
    });
    const wp = win.options.webPreferences!;
    assert.equal(wp.contextIsolation, true);
    assert.equal(wp.sandbox, true);
    assert.equal(wp.nodeIntegration, false);
    assert.equal(wp.nodeIntegrationInWorker, false);
    assert.equal(wp.nodeIntegrationInSubFrames, false);
    assert.equal(wp.webSecurity, true);
    assert.equal(wp.allowRunningInsecureContent, false);
    assert.equal(wp.webviewTag, false);
    assert.equal(wp.navigateOnDragDrop, false);
    assert.equal(wp.preload, '/app/dist/main/preload.cjs');
    assert.equal(secured, 1, 'hardened before loading');
    assert.deepEqual(win.loaded, [APP_URL]);
    assert.equal(APP_URL, 'lantern://app/index.html');
  });

  test('stays hidden until ready-to-show, and stays hidden then when starting minimised', () => {
    const shown = createMainWindow({
      BrowserWindow: FakeWindow,
      preload: 'p',
      startHidden: false,
      secure: () => {},
    });
    assert.equal(shown.options.show, false);
    assert.equal(shown.shown, 0);
    shown.emit('ready-to-show');
    assert.equal(shown.shown, 1);
    const hidden = createMainWindow({
      BrowserWindow: FakeWindow,
      preload: 'p',
      startHidden: true,
      secure: () => {},
    });
    hidden.emit('ready-to-show');
    assert.equal(hidden.shown, 0);
  });

  test('focus is passed on (the engine prewarms)', () => {
    let focus = 0;
    const win = createMainWindow({
      BrowserWindow: FakeWindow,
      preload: 'p',
      startHidden: false,
      secure: () => {},
      onFocus: () => focus++,
    });
    win.emit('focus');
    assert.equal(focus, 1);
  });
});

describe('a page whose renderer went away', () => {
  /** A webContents whose renderer can go: `gone(reason)` is Electron's render-process-gone. */
  class GoingContents extends EventEmitter {
    reloads = 0;
    destroyed = false;
    reload() {
      this.reloads++;
    }
    isDestroyed() {
      return this.destroyed;
    }
    gone(reason: string) {
      this.emit('render-process-gone', {}, { reason, exitCode: reason === 'clean-exit' ? 0 : 139 });
    }
  }

  test('is loaded again after a crash or a kill (the window would stay blank), not after a clean exit', () => {
    const wc = new GoingContents();
    const logged: string[] = [];
    reloadWhenGone(wc, { log: (m) => logged.push(m) });
    wc.gone('crashed');
    assert.equal(wc.reloads, 1);
    wc.gone('oom');
    assert.equal(wc.reloads, 2);
    wc.gone('clean-exit');
    assert.equal(wc.reloads, 2, 'a clean exit (the window closing) is not a crash');
    assert.match(logged[0]!, /crashed \(exit code 139\): reloading/);
    wc.destroyed = true;
    wc.gone('killed');
    assert.equal(wc.reloads, 2, 'a destroyed window is not reloaded');
  });

  test('a page that keeps crashing is left alone after three reloads in a minute, and reloaded again later', () => {
    const wc = new GoingContents();
    const logged: string[] = [];
    let now = 0;
    reloadWhenGone(wc, { log: (m) => logged.push(m), now: () => now });
    for (let i = 0; i < 4; i++) {
      now += 1000;
      wc.gone('crashed');
    }
    assert.equal(wc.reloads, 3);
    assert.match(logged.at(-1)!, /crashed 4 times in a minute: not reloading/);
    now += 61_000;
    wc.gone('crashed');
    assert.equal(wc.reloads, 4);
  });
});

describe("the page's going, for what it started", () => {
  test('a reload, a crash or the webContents destroyed is its going; in-page and subframe navigation are not', () => {
    const wc = new EventEmitter();
    const went: PageGoneReason[] = [];
    onPageGone(wc, (why) => went.push(why));
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    wc.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    assert.deepEqual(went, [], 'the history API and frames keep the page');
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    wc.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    wc.emit('destroyed');
    assert.deepEqual(went, ['navigated', 'crashed', 'destroyed']);
  });
});

describe('the application menu', () => {
  const roles = (t: MenuItemConstructorOptions[]): string[] =>
    t.flatMap((i) => [
      ...(i.role ? [i.role] : []),
      ...(Array.isArray(i.submenu) ? roles(i.submenu as MenuItemConstructorOptions[]) : []),
    ]);

  test('packaged builds have no Reload or DevTools; development keeps them; macOS gets its app menu', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const packaged = roles(appMenuTemplate({ platform, isPackaged: true }));
      assert.ok(!packaged.includes('toggleDevTools') && !packaged.includes('reload'), platform);
      assert.ok(!packaged.includes('viewMenu'), 'the stock View menu carries DevTools');
      assert.ok(packaged.includes('editMenu') && packaged.includes('zoomIn'), platform);
      assert.ok(roles(appMenuTemplate({ platform, isPackaged: false })).includes('toggleDevTools'), platform);
      assert.equal(packaged[0] === 'appMenu', platform === 'darwin');
    }
  });
});

describe('navigation and window-open denial', () => {
  test('will-navigate is always prevented: a file dropped outside the drop zone cannot replace the UI', () => {
    const wc = new FakeWebContents();
    const log: string[] = [];
    secureWebContents(wc, { log: (m) => log.push(m) });
    assert.equal(wc.fire('will-navigate', 'file:///home/u/Pictures/receipt.png'), true);
    assert.equal(wc.fire('will-navigate', 'https://evil.example/'), true);
    assert.equal(wc.fire('will-navigate', 'lantern://app/index.html'), true);
    assert.match(log[0] ?? '', /navigation refused: file:\/\/\/home\/u\/Pictures\/receipt\.png/);
  });

  test('redirects and frame navigations away from lantern://app/ are prevented; <webview> is refused', () => {
    const wc = new FakeWebContents();
    secureWebContents(wc);
    assert.equal(wc.fire('will-redirect', 'https://evil.example/'), true);
    assert.equal(wc.fire('will-redirect', 'lantern://app/index.html'), false);
    assert.equal(wc.fire('will-frame-navigate', 'data:text/html,<script>1</script>'), true);
    assert.equal(wc.fire('will-attach-webview', 'https://x.example/'), true);
  });

  test('window.open is denied; https links go to the system browser, others nowhere', () => {
    const wc = new FakeWebContents();
    const opened: string[] = [];
    secureWebContents(wc, { openExternal: (u) => opened.push(u) });
    for (const url of [
      'https://docs.example/ocr',
      'http://plain.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ])
      assert.deepEqual(wc.openHandler!({ url }), { action: 'deny' });
    assert.deepEqual(opened, ['https://docs.example/ocr']);
  });
});

describe('permissions', () => {
  function fakeSession() {
    const s: {
      request?: Parameters<PermissionSession['setPermissionRequestHandler']>[0];
      check?: Parameters<PermissionSession['setPermissionCheckHandler']>[0];
      device?: () => boolean;
    } = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (h) => (s.request = h),
      setPermissionCheckHandler: (h) => (s.check = h),
      setDevicePermissionHandler: (h) => (s.device = h),
    };
    return { s, session };
  }
  const ask = (s: ReturnType<typeof fakeSession>['s'], permission: string, url: string) => {
    let granted: boolean | undefined;
    s.request!(null, permission, (g) => (granted = g), { requestingUrl: url });
    return granted;
  };

  test('every permission request is denied, even from our own origin', () => {
    const { s, session } = fakeSession();
    setupPermissions(session);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'unknown',
    ])
      assert.equal(ask(s, p, 'lantern://app/index.html'), false, p);
    assert.equal(s.device!(), false);
  });

  test('clipboard-sanitized-write (Copy) is allowed only to lantern://app/', () => {
    const { s, session } = fakeSession();
    setupPermissions(session);
    assert.equal(ask(s, 'clipboard-sanitized-write', 'lantern://app/index.html'), true);
    assert.equal(ask(s, 'clipboard-sanitized-write', 'https://evil.example/'), false);
    assert.equal(s.check!(null, 'clipboard-sanitized-write', 'lantern://app'), true);
    assert.equal(s.check!(null, 'clipboard-sanitized-write', 'https://evil.example'), false);
    assert.equal(s.check!(null, 'media', 'lantern://app'), false);
  });
});

describe('the lantern://app/ protocol', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-ui-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Lantern</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, '..', `${path.basename(root)}-secret.txt`), 'secret');
  after(() => rmSync(path.join(root, '..', `${path.basename(root)}-secret.txt`), { force: true }));
  const handler = createAppProtocolHandler(root, (f) => readFile(f));

  test('is registered as a privileged standard, secure scheme, and handled by protocol.handle', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => registered.push(...s) });
    assert.deepEqual(registered, [
      { scheme: 'lantern', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const handled: string[] = [];
    setupAppProtocol({ handle: (scheme) => void handled.push(scheme) }, root, (f) => readFile(f));
    assert.deepEqual(handled, ['lantern']);
  });

  test('serves files from the renderer root with the strict CSP and the right type', async () => {
    const index = await handler(new Request('lantern://app/'));
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(await index.text(), '<!doctype html><title>Lantern</title>');
    const csp = index.headers.get('content-security-policy') ?? '';
    assert.equal(csp, CONTENT_SECURITY_POLICY);
    for (const directive of [
      "default-src 'self'",
      "img-src 'self' blob: data:",
      "style-src 'self' 'unsafe-inline'",
      "script-src 'self'",
      "connect-src 'self'",
    ])
      assert.ok(csp.split('; ').includes(directive), directive);
    assert.ok(!/unsafe-eval/.test(csp));
    const js = await handler(new Request('lantern://app/assets/app.js'));
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('x-content-type-options'), 'nosniff');
  });

  test('never serves a file outside the root, whatever the spelling of ../', async () => {
    const secret = `${path.basename(root)}-secret.txt`;
    for (const url of [
      `lantern://app/../${secret}`,
      `lantern://app/../../${secret}`,
      `lantern://app/%2e%2e/${secret}`,
      `lantern://app/..%2f${secret}`,
      `lantern://app/assets/..%2f..%2f${secret}`,
      `lantern://app/%2e%2e%2f%2e%2e%2f${secret}`,
    ]) {
      const file = resolveAppFile(root, url);
      assert.ok(file === null || file.startsWith(root + path.sep), `${url} -> ${file}`);
      const r = await handler(new Request(url));
      assert.notEqual(r.status, 200, url);
      assert.notEqual(await r.text(), 'secret', url);
    }
  });

  test('refuses backslashes, NUL, malformed escapes and other hosts with 403', async () => {
    const secret = `${path.basename(root)}-secret.txt`;
    for (const url of [
      `lantern://app/%2e%2e%5c${secret}`,
      `lantern://app/..\\${secret}`,
      'lantern://app/index.html%00.png',
      'lantern://app/%E0%A4%A',
      'lantern://other/index.html',
      'https://app/index.html',
    ])
      assert.equal((await handler(new Request(url))).status, 403, url);
  });

  test('answers 404 for a missing file and 405 for writes', async () => {
    assert.equal((await handler(new Request('lantern://app/nope.js'))).status, 404);
    assert.equal(
      (await handler(new Request('lantern://app/index.html', { method: 'POST', body: 'x' }))).status,
      405,
    );
  });
});
