/** One overlay window per display showing its frozen image; the first selection (or Esc on any) closes them all. */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { CaptureSelection } from './capture-flow';
import { overlayWindowOptions, type DisplayShot } from './capture-displays';
import { z } from 'zod';
import { CAPTURE_CHANNELS, type OverlayFrame } from './capture-channels';
import { APP_URL } from './sender-check';

/** The part of a BrowserWindow an overlay uses. */
export interface OverlayWindowLike {
  readonly webContents: {
    readonly id: number;
    send(channel: string, payload: unknown): void;
    once(event: 'render-process-gone', listener: () => void): unknown;
  };
  once(event: 'ready-to-show' | 'closed', listener: () => void): unknown;
  setAlwaysOnTop(flag: boolean, level?: 'screen-saver'): void;
  show(): void;
  focus(): void;
  close(): void;
  isDestroyed(): boolean;
  loadURL(url: string): Promise<void>;
}

/** The part of ipcMain used. */
export interface CaptureIpcMain {
  handle(channel: string, listener: (event: { sender: { id: number } }) => unknown): void;
  on(channel: string, listener: (event: { sender: { id: number } }, ...args: unknown[]) => void): unknown;
}

/** A crop as the overlay sends it: whole, non-negative pixels (checked again against the image when cropping). */
const cropSchema = z
  .object({
    x: z.number().int().min(0),
    y: z.number().int().min(0),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
  })
  .strict();

/** The URL of the overlay page: the app's own page, told by its hash to show only the selector. */
export const OVERLAY_URL = `${APP_URL}#capture`;

/** Registers the IPC once; `select(shots)` then opens the overlays and resolves with the selection, or null on Esc. */
export function setupCaptureOverlays<W extends OverlayWindowLike>(d: {
  readonly BrowserWindow: new (o: BrowserWindowConstructorOptions) => W;
  readonly ipcMain: CaptureIpcMain;
  readonly preload: string;
  /** Hardens each overlay like the main window (navigation, permissions). */
  readonly secure: (win: W) => void;
  /** The display the cursor is on gets the focus (keyboard). */
  readonly cursorDisplayId: () => number | null;
  /** Whether the engine is still warming (the overlay says so) and the UI language, at the time of the frame. */
  readonly warming: () => boolean;
  readonly language: () => OverlayFrame['language'];
}) {
  /** The open overlays by webContents id. */
  const open = new Map<number, { win: W; shot: DisplayShot }>();
  let settle: ((s: CaptureSelection | null) => void) | null = null;

  const finish = (s: CaptureSelection | null) => {
    const done = settle;
    settle = null;
    for (const { win } of open.values()) if (!win.isDestroyed()) win.close();
    open.clear();
    done?.(s);
  };

  d.ipcMain.handle(CAPTURE_CHANNELS.frame, (e): OverlayFrame | null => {
    const o = open.get(e.sender.id);
    if (!o) return null;
    const size = o.shot.image.getSize();
    return {
      url: o.shot.image.toDataURL(),
      width: size.width,
      height: size.height,
      warming: d.warming(),
      language: d.language(),
    };
  });
  d.ipcMain.on(CAPTURE_CHANNELS.select, (e, raw) => {
    const o = open.get(e.sender.id);
    const crop = cropSchema.safeParse(raw);
    if (!o || !crop.success) return;
    finish({ displayId: o.shot.display.id, crop: crop.data });
  });
  d.ipcMain.on(CAPTURE_CHANNELS.cancel, (e) => {
    if (open.has(e.sender.id)) finish(null);
  });

  return {
    select(shots: readonly DisplayShot[]): Promise<CaptureSelection | null> {
      if (settle) finish(null);
      const focusId = d.cursorDisplayId();
      return new Promise((resolve) => {
        settle = resolve;
        for (const shot of shots) {
          const win = new d.BrowserWindow(overlayWindowOptions(shot.display, d.preload));
          d.secure(win);
          const id = win.webContents.id;
          open.set(id, { win, shot });
          win.setAlwaysOnTop(true, 'screen-saver');
          win.once('ready-to-show', () => {
            win.show();
            if (shot.display.id === focusId || shots.length === 1) win.focus();
          });
          // Closing any overlay (Alt+F4, the window manager) cancels the capture. So does a page that crashed: its
          // window would stay black over the display, deaf to Esc, and the capture would never end.
          win.once('closed', () => {
            if (open.has(id)) finish(null);
          });
          win.webContents.once('render-process-gone', () => {
            if (open.has(id)) finish(null);
          });
          void win.loadURL(OVERLAY_URL);
        }
      });
    },
    /** Shows the open overlays again and focuses the one under the cursor (another window may have taken the keys). */
    bringForward(): void {
      const focusId = d.cursorDisplayId();
      for (const { win, shot } of open.values()) {
        if (win.isDestroyed()) continue;
        win.show();
        if (shot.display.id === focusId || open.size === 1) win.focus();
      }
    },
    /** Whether an overlay's webContents is one of ours (for the IPC sender check of the main bridge). */
    has: (id: number) => open.has(id),
    /** Tells the open overlays whether the engine is (still) warming. */
    setWarming(warming: boolean): void {
      for (const { win } of open.values())
        if (!win.isDestroyed()) win.webContents.send(CAPTURE_CHANNELS.warming, warming);
    },
  };
}
