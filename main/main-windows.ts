/**
 * The main window's life in one place: made hidden or shown, secured, registered, reloaded when its renderer dies, its
 * documents cancelled when its page goes, closed to the tray; and brought forward (or made again) on demand.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Settings } from '../app/contracts/settings';
import { setupCloseToTray } from './close-to-tray';
import type { Notify } from './notifications';
import { onPageGone } from './page-gone';
import type { PathGrants } from './path-grants';
import { reloadWhenGone } from './renderer-recovery';
import { secureWebContents } from './web-contents-security';
import { createMainWindow } from './window';
import type { WindowRegistry } from './window-registry';

/** What the main windows are wired to. */
export interface MainWindowsDeps {
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  readonly preload: string;
  readonly devTools: boolean;
  /** The window icon, where the platform takes one from the window (not macOS). */
  readonly icon?: string;
  readonly registry: WindowRegistry<BrowserWindow>;
  readonly grants: PathGrants;
  /** Cancels the documents a window's page was reading; returns how many. */
  readonly cancelDocuments: (webContentsId: number) => number;
  readonly onFocus: () => void;
  readonly openExternal: (url: string) => void;
  readonly settings: { get(): Settings; set(patch: Partial<Settings>): Promise<Settings> };
  readonly isQuitting: () => boolean;
  readonly trayVisible: () => boolean;
  readonly notify: Notify;
  readonly log: (level: 'info' | 'warn', message: string) => void;
}

/** The main windows' two operations: make one, and show the first (making it when there is none). */
export interface MainWindows {
  readonly create: (startHidden: boolean) => BrowserWindow;
  readonly show: () => BrowserWindow;
}

/** Wires the main window's handlers once, for every window `create` makes. */
export function setupMainWindows(d: MainWindowsDeps): MainWindows {
  const warn = (m: string) => d.log('warn', m);
  const create = (startHidden: boolean): BrowserWindow => {
    const win = createMainWindow({
      BrowserWindow: d.BrowserWindow,
      preload: d.preload,
      startHidden,
      devTools: d.devTools,
      ...(d.icon === undefined ? {} : { icon: d.icon }),
      onFocus: d.onFocus,
      secure: (w) => secureWebContents(w.webContents, { log: warn, openExternal: d.openExternal }),
    });
    d.registry.add(win, (id) => d.grants.forget(id));
    reloadWhenGone(win.webContents, { log: warn });
    const contentsId = win.webContents.id;
    onPageGone(win.webContents, (why) => {
      const cancelled = d.cancelDocuments(contentsId);
      if (cancelled > 0)
        d.log('info', `the window's page ${why}: ${cancelled} document(s) it was reading cancelled`);
    });
    setupCloseToTray({
      window: win,
      settings: d.settings,
      isQuitting: d.isQuitting,
      trayVisible: d.trayVisible,
      notify: d.notify,
      log: warn,
    });
    return win;
  };
  const show = (): BrowserWindow => {
    const win = d.registry.first() ?? create(false);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };
  return { create, show };
}
