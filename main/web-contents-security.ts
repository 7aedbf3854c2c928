/**
 * Hardens a window's webContents: no navigation away (a file dropped outside the drop zone must not replace the UI),
 * no new windows (https links go to the system browser), no <webview>.
 */
import { isAppUrl } from './sender-check';

/** What the handlers receive for navigation events (Electron's events fit). */
export interface PreventableEvent {
  preventDefault(): void;
  readonly url?: string;
}

/** The part of a webContents the hardening uses. */
export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate',
    listener: (event: PreventableEvent) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Installs the navigation, redirect, window-open and webview guards. */
export function secureWebContents(
  wc: WebContentsLike,
  o: {
    readonly log?: (message: string) => void;
    /** Opens https links in the system browser (shell.openExternal); omitted = links do nothing. */
    readonly openExternal?: (url: string) => void;
  } = {},
): void {
  const refuse = (what: string) => (event: PreventableEvent) => {
    event.preventDefault();
    o.log?.(`${what} refused: ${event.url?.slice(0, 200) ?? ''}`);
  };
  // In-page navigation (history API) does not fire will-navigate: the single-page UI keeps working.
  wc.on('will-navigate', refuse('navigation'));
  wc.on('will-frame-navigate', (event) => {
    if (!event.url || !isAppUrl(event.url)) refuse('frame navigation')(event);
  });
  wc.on('will-redirect', (event) => {
    if (!event.url || !isAppUrl(event.url)) refuse('redirect')(event);
  });
  wc.on('will-attach-webview', refuse('webview'));
  wc.setWindowOpenHandler(({ url }) => {
    if (o.openExternal && /^https:\/\//i.test(url)) o.openExternal(url);
    else o.log?.(`window.open refused: ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}
