/** Opens a captured region in the window (the capture notification's click): Recognize shows its image and boxes. */
import { CAPTURE_CHANNELS, type ShownCapture } from './capture-channels';
import type { CapturedRegion } from './capture-flow';

/** The part of a BrowserWindow used. */
export interface ShowTarget {
  readonly webContents: {
    isLoading(): boolean;
    once(event: 'did-finish-load', listener: () => void): unknown;
    send(channel: string, payload: ShownCapture): void;
  };
}

/** Brings the window up (made anew when it was closed) and sends it the region once its page has loaded. */
export function showCaptureInWindow(showWindow: () => ShowTarget, region: CapturedRegion): void {
  const win = showWindow();
  const send = () =>
    win.webContents.send(CAPTURE_CHANNELS.show, {
      name: region.name,
      png: region.png,
      result: region.result,
    });
  // A window made just now has no page to listen yet; the page subscribes before it finishes loading.
  if (win.webContents.isLoading()) win.webContents.once('did-finish-load', send);
  else send();
}
