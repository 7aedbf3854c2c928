/**
 * Closing the window hides it to the tray (setting `closeToTray`, on by default), with a one-time notice; where no
 * tray can be seen (Linux without a StatusNotifier host) the window really closes, so the app never goes invisible.
 */
import type { Settings } from '../app/contracts/settings';
import type { Notify } from './notifications';

/** The part of a BrowserWindow used. */
export interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

/** What the behaviour needs. */
export interface CloseToTrayDeps {
  readonly window: ClosableWindow;
  readonly settings: { get(): Settings; set(patch: Partial<Settings>): Promise<Settings> };
  /** True once the user chose Quit (the window must then really close). */
  readonly isQuitting: () => boolean;
  /** False while no tray icon is visible (see tray-host.ts): closing then closes. */
  readonly trayVisible: () => boolean;
  readonly notify: Notify;
  readonly log?: (message: string) => void;
}

/** Installs the close handler. */
export function setupCloseToTray(d: CloseToTrayDeps): void {
  d.window.on('close', (event) => {
    const s = d.settings.get();
    if (d.isQuitting() || !s.closeToTray || !d.trayVisible()) return;
    event.preventDefault();
    d.window.hide();
    if (s.closeToTrayNoticeShown) return;
    d.notify(
      'Lantern OCR is still running',
      'It keeps working in the tray. Choose Quit in the tray menu to exit; Settings can change this.',
    );
    d.settings.set({ closeToTrayNoticeShown: true }).catch((err: unknown) => {
      d.log?.(`could not record the close-to-tray notice: ${(err as Error).message}`);
    });
  });
}
