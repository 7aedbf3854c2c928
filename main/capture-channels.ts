/** IPC between a capture overlay and main: the frozen frame in, the selection (or a cancel) out (bundled into the preload: no imports). */
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
} as const;

/** What the overlay shows. */
export interface OverlayFrame {
  readonly url: string;
  readonly width: number;
  readonly height: number;
}

/** `window.lanternCapture` in an overlay (the preload exposes it; named functions only, no ipcRenderer). */
export interface LanternCaptureApi {
  frame(): Promise<OverlayFrame | null>;
  select(crop: { x: number; y: number; width: number; height: number }): void;
  cancel(): void;
  /** From the main window's toolbar: the desktop capture (overlays on every display). */
  start(): void;
}

/** The part of ipcRenderer used. */
interface IpcLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
}

/** Builds `window.lanternCapture` over ipcRenderer. */
export function createCaptureApi(ipc: IpcLike): LanternCaptureApi {
  return {
    frame: async () => (await ipc.invoke(CAPTURE_CHANNELS.frame)) as OverlayFrame | null,
    select: (crop) => ipc.send(CAPTURE_CHANNELS.select, crop),
    cancel: () => ipc.send(CAPTURE_CHANNELS.cancel),
    start: () => ipc.send(CAPTURE_CHANNELS.start),
  };
}
