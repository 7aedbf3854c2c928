/** Wires screen capture into the app: the shortcut (following its setting), the overlays and the flow. */
import type { BrowserWindowConstructorOptions } from 'electron';
import { LanternError } from '../app/contracts/errors';
import type { Settings } from '../app/contracts/settings';
import type { SettingsGuard } from '../app/settings/settings-store';
import type { OcrService } from '../app/engine/ocr-service';
import type { DisplayGeometry } from '../app/capture/region-geometry';
import { CAPTURE_CHANNELS } from './capture-channels';
import { grabDisplays, type DesktopCapturerLike } from './capture-displays';
import { captureFlow, type CaptureDeps, type MediaAccess } from './capture-flow';
import { setupCaptureOverlays, type CaptureIpcMain, type OverlayWindowLike } from './capture-overlays';
import { captureShortcut, type GlobalShortcutLike, type ShortcutState } from './capture-shortcut';

/** The part of Electron's screen used. */
export interface ScreenLike {
  getAllDisplays(): DisplayGeometry[];
  getCursorScreenPoint(): { x: number; y: number };
  getDisplayNearestPoint(p: { x: number; y: number }): { id: number };
}

/** Sets capture up; returns the tray's actions, the shortcut's state and dispose (on quit). */
export function setupCapture<W extends OverlayWindowLike>(
  d: Pick<CaptureDeps, 'clipboard' | 'history' | 'notify' | 'platform' | 'sessionType' | 'open'> & {
    readonly engine: Pick<OcrService, 'recognize' | 'status' | 'onStatus' | 'prewarm'>;
    readonly BrowserWindow: new (o: BrowserWindowConstructorOptions) => W;
    readonly ipcMain: CaptureIpcMain;
    readonly preload: string;
    readonly secure: (win: W) => void;
    readonly screen: ScreenLike;
    readonly desktopCapturer: DesktopCapturerLike;
    readonly getMediaAccessStatus?: (media: 'screen') => MediaAccess;
    readonly globalShortcut: GlobalShortcutLike;
    readonly settings: {
      get(): Settings;
      /** SettingsStore.guard: a new shortcut is bound before it is saved, or the save is refused. */
      guard(cb: SettingsGuard): () => void;
    };
    readonly log: (level: 'info' | 'warn', m: string) => void;
    /** Whether a webContents is a Lantern main window (only those may start a capture over IPC). */
    readonly isMainWindow: (id: number) => boolean;
  },
) {
  const warming = () => !d.engine.status.modelLoaded;
  const overlays = setupCaptureOverlays({
    BrowserWindow: d.BrowserWindow,
    ipcMain: d.ipcMain,
    preload: d.preload,
    secure: d.secure,
    cursorDisplayId: () => d.screen.getDisplayNearestPoint(d.screen.getCursorScreenPoint()).id,
    warming,
    language: () => d.settings.get().language,
  });
  let wasWarming = warming();
  const offStatus = d.engine.onStatus(() => {
    if (warming() === wasWarming) return;
    wasWarming = !wasWarming;
    overlays.setWarming(wasWarming);
  });
  const flow = captureFlow({
    ...d,
    ...(d.getMediaAccessStatus ? { screenAccess: () => d.getMediaAccessStatus!('screen') } : {}),
    displays: () => d.screen.getAllDisplays(),
    grab: (displays) => grabDisplays(d.desktopCapturer, displays),
    select: (shots) => overlays.select(shots),
    copyMode: () => d.settings.get().captureCopy,
    warming,
    raiseSelector: () => overlays.bringForward(),
  });
  const run = (what: 'capture' | 'repeat') => {
    // The selection takes the user a few seconds: time an unloaded engine can use to load.
    d.engine.prewarm();
    void flow[what]().then((o) => d.log('info', `capture: ${o.kind}`));
  };
  d.ipcMain.on(CAPTURE_CHANNELS.start, (e) => {
    if (d.isMainWindow(e.sender.id)) run('capture');
  });
  const shortcut = captureShortcut({
    globalShortcut: d.globalShortcut,
    onTrigger: () => run('capture'),
    log: (m) => d.log('warn', m),
  });
  let state: ShortcutState = shortcut.apply(d.settings.get().captureShortcut);
  if (state.kind === 'taken' || state.kind === 'invalid')
    d.notify('Capture shortcut not available', state.message);
  // A shortcut changed in Settings is bound before it is saved: one that cannot be refuses the save (the field says
  // why) and the old one stays bound.
  const off = d.settings.guard((next, prev) => {
    if (next.captureShortcut === prev.captureShortcut) return;
    const was = state;
    const now = shortcut.apply(next.captureShortcut);
    if (now.kind === 'taken' || now.kind === 'invalid')
      throw new LanternError('SHORTCUT_UNAVAILABLE', now.message);
    state = now;
    return () => {
      shortcut.apply(was.kind === 'registered' ? was.accelerator : '');
      state = was;
    };
  });
  return {
    captureText: () => run('capture'),
    repeatCapture: () => run('repeat'),
    shortcutState: () => state,
    dispose(): void {
      off();
      offStatus();
      shortcut.dispose();
    },
  };
}
