/**
 * Captures main asks the window to show (a capture notification's click). The subscription is made when this module
 * loads, before the page finishes loading, and held until the window takes them: none is lost to a window made anew.
 */
import type { ShownCapture } from '../../../app/contracts/capture-bridge';
import { desktopCapture } from './capture-overlay';

const pending: ShownCapture[] = [];
let taker: ((c: ShownCapture) => void) | null = null;

desktopCapture?.onShow((c) => (taker ? taker(c) : void pending.push(c)));

/** Hands every capture to show to `cb`, the held ones first; returns the unsubscribe. */
export function onShownCapture(cb: (c: ShownCapture) => void): () => void {
  taker = cb;
  for (const c of pending.splice(0)) cb(c);
  return () => {
    if (taker === cb) taker = null;
  };
}
