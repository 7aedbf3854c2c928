/**
 * The main window: sandboxed, context-isolated, no Node in the page, the UI from `lantern://app/`, hidden until
 * ready-to-show (or kept hidden when starting minimised).
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_URL } from './sender-check';

/** The webPreferences of every Lantern window; `devTools` is off in packaged builds. */
export function secureWebPreferences(
  preload: string,
  devTools = true,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The part of a BrowserWindow the app uses. */
export interface WindowLike {
  readonly webContents: { readonly id: number };
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'focus', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

/** A BrowserWindow constructor (Electron's, or a fake). */
export type WindowConstructor<W extends WindowLike> = new (options: BrowserWindowConstructorOptions) => W;

/** Options of the main window. */
export interface MainWindowOptions<W extends WindowLike> {
  readonly BrowserWindow: WindowConstructor<W>;
  readonly preload: string;
  /** Start minimised to the tray: never shown at ready-to-show. */
  readonly startHidden: boolean;
  /** Focus is a sign a request is coming (e.g. engine.prewarm). */
  readonly onFocus?: () => void;
  /** Hardens the webContents before anything loads (see web-contents-security.ts). */
  readonly secure: (win: W) => void;
  readonly icon?: BrowserWindowConstructorOptions['icon'];
  /** Whether DevTools can open (development only). */
  readonly devTools?: boolean;
}

/** Creates the main window and starts loading the UI. */
export function createMainWindow<W extends WindowLike>(o: MainWindowOptions<W>): W {
  const win = new o.BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'Lantern OCR',
    backgroundColor: '#1b1d21',
    ...(o.icon ? { icon: o.icon } : {}),
    webPreferences: secureWebPreferences(o.preload, o.devTools ?? true),
  });
  o.secure(win);
  win.once('ready-to-show', () => {
    if (!o.startHidden) win.show();
  });
  if (o.onFocus) win.on('focus', o.onFocus);
  void win.loadURL(APP_URL);
  return win;
}
