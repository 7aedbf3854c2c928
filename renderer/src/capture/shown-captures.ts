/**
 * Captures main asks the window to show (a capture notification's click). The subscription is made when this module
 * loads, before the page finishes loading, and held until the window takes them: none is lost to a window made anew.
 */
import type { ShownCapture } from '../../../app/contracts/capture-bridge';
import { heldEvents } from '../held-events';
import { desktopCapture } from './capture-overlay';

/** Hands every capture to show to `cb`, the held ones first; returns the unsubscribe. */
export const onShownCapture: (cb: (c: ShownCapture) => void) => () => void = heldEvents(
  desktopCapture && ((cb: (c: ShownCapture) => void) => desktopCapture!.onShow(cb)),
);
