/** Screen text capture wired to Electron: its shortcut, overlay windows, screen sources and the media permission. */
import {
  BrowserWindow,
  clipboard,
  desktopCapturer,
  globalShortcut,
  ipcMain,
  screen,
  shell,
  systemPreferences,
} from 'electron';
import type { EngineHost } from '../app/engine/host';
import type { SettingsStore } from '../app/settings/settings-store';
import type { HistoryStore } from '../app/watch/history-store';
import { setupCapture } from './capture-setup';
import { showCaptureInWindow, type ShowTarget } from './capture-show';
import type { FileLog } from './log';
import type { Notify } from './notifications';
import { secureWebContents } from './web-contents-security';

/** What capture reads with, keeps to and shows in. */
export interface ScreenCaptureDeps {
  readonly preload: string;
  readonly engine: EngineHost;
  readonly history: HistoryStore;
  readonly notify: Notify;
  readonly settings: SettingsStore;
  /** Brings the main window forward, to show a capture opened in it. */
  readonly showWindow: () => ShowTarget;
  /** Whether a webContents is a Lantern main window. */
  readonly isMainWindow: (id: number) => boolean;
  readonly log: FileLog;
}

/** Sets screen capture up (setupCapture) with Electron's modules; its overlays are secured like every window. */
export function setupScreenCapture(d: ScreenCaptureDeps): ReturnType<typeof setupCapture> {
  return setupCapture({
    BrowserWindow,
    ipcMain,
    preload: d.preload,
    secure: (w) =>
      secureWebContents(w.webContents, {
        log: (m) => d.log('warn', m),
        openExternal: (url) => void shell.openExternal(url),
      }),
    screen,
    desktopCapturer,
    globalShortcut,
    ...(process.platform === 'darwin'
      ? { getMediaAccessStatus: (m: 'screen') => systemPreferences.getMediaAccessStatus(m) }
      : {}),
    platform: process.platform,
    sessionType: process.env.XDG_SESSION_TYPE,
    engine: d.engine,
    clipboard: { writeText: (t) => clipboard.writeText(t) },
    history: d.history,
    notify: d.notify,
    open: (region) => showCaptureInWindow(d.showWindow, region),
    settings: d.settings,
    log: (level, m) => d.log(level, m, 'capture'),
    isMainWindow: d.isMainWindow,
  });
}
