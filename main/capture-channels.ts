/** IPC between a capture overlay and main: the frozen frame in, the selection (or a cancel) out (bundled into the preload: type imports only). */
import type { LanternCaptureApi, OverlayFrame, ShownCapture } from '../app/contracts/capture-bridge';

export type { LanternCaptureApi, OverlayFrame, ShownCapture } from '../app/contracts/capture-bridge';

/** Channel names of the overlay. */
export const CAPTURE_CHANNELS = {
  /** invoke: the overlay's frozen image ({ url, width, height }) or null when it is not an overlay. */
  frame: 'lantern:capture:frame',
  /** send: the crop in the image's physical pixels. */
  select: 'lantern:capture:select',
  /** send: Esc. */
  cancel: 'lantern:capture:cancel',
  /** send (main window): start a desktop capture, as the shortcut does. */
  start: 'lantern:capture:start',
  /** event (overlays): whether the engine is still warming up (boolean). */
  warming: 'lantern:capture:warming',
  /** event (main window): show a captured region with its result (ShownCapture), from the notification. */
  show: 'lantern:capture:show',
} as const;

/** The part of ipcRenderer used. */
interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

/** Builds `window.lanternCapture` over ipcRenderer. */
export function createCaptureApi(ipc: IpcLike): LanternCaptureApi {
  return {
    frame: async () => (await ipc.invoke(CAPTURE_CHANNELS.frame)) as OverlayFrame | null,
    select: (crop) => ipc.send(CAPTURE_CHANNELS.select, crop),
    cancel: () => ipc.send(CAPTURE_CHANNELS.cancel),
    start: () => ipc.send(CAPTURE_CHANNELS.start),
    onWarming: (cb) => listen(ipc, CAPTURE_CHANNELS.warming, (p) => cb(p === true)),
    onShow: (cb) => listen(ipc, CAPTURE_CHANNELS.show, (p) => cb(p as ShownCapture)),
  };
}

/** Subscribes to a main → page event; only the payload reaches the page, never the event (it holds `sender`). */
function listen(ipc: IpcLike, channel: string, cb: (payload: unknown) => void): () => void {
  const listener = (_e: unknown, payload: unknown) => cb(payload);
  ipc.on(channel, listener);
  return () => void ipc.removeListener(channel, listener);
}
