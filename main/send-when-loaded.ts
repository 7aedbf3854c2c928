/** Sends a window one message once its page listens: a window made just now gets it after its page has loaded. */

/** The part of a webContents used. */
export interface LoadingContents<P> {
  isLoading(): boolean;
  once(event: 'did-finish-load', listener: () => void): unknown;
  send(channel: string, payload: P): void;
}

/** Sends `payload` on `channel` now, or once the page finishes loading (the page subscribes while it loads). */
export function sendWhenLoaded<P>(contents: LoadingContents<P>, channel: string, payload: P): void {
  const send = () => contents.send(channel, payload);
  if (contents.isLoading()) contents.once('did-finish-load', send);
  else send();
}
