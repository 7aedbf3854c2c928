/** Opens a captured region in the window (the capture notification's click): Recognize shows its image and boxes. */
import { CAPTURE_CHANNELS, type ShownCapture } from './capture-channels';
import type { CapturedRegion } from './capture-flow';
import { sendWhenLoaded, type LoadingContents } from './send-when-loaded';

/** The part of a BrowserWindow used. */
export interface ShowTarget {
  readonly webContents: LoadingContents<ShownCapture>;
}

/** Brings the window up (made anew when it was closed) and sends it the region once its page has loaded. */
export function showCaptureInWindow(showWindow: () => ShowTarget, region: CapturedRegion): void {
  sendWhenLoaded(showWindow().webContents, CAPTURE_CHANNELS.show, {
    name: region.name,
    png: region.png,
    result: region.result,
  });
}
