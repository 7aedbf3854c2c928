/** The tray icon wired to Electron (Tray, its menu, its icons drawn per platform) and to what its menu does. */
import { app, clipboard, Menu, nativeImage, shell, Tray } from 'electron';
import type { EngineHost } from '../app/engine/host';
import type { HistoryStore } from '../app/watch/history-store';
import type { WatchManager } from '../app/watch/watch-manager';
import { ocrClipboardImage } from './clipboard-ocr';
import type { FileLog } from './log';
import type { Notify } from './notifications';
import { setupTray, type TrayController } from './tray';
import { trayIconReps } from './tray-icons';
import type { TrayActions } from './tray-menu';

/** What the tray's menu acts on. */
export interface AppTrayDeps {
  readonly engine: EngineHost;
  readonly watch: WatchManager;
  readonly history: HistoryStore;
  readonly notify: Notify;
  readonly showWindow: () => unknown;
  readonly capture: Pick<TrayActions, 'captureText' | 'repeatCapture'>;
  readonly log: FileLog;
}

/** Makes the tray icon; pausing watching from it refreshes it at once. */
export function setupAppTray(d: AppTrayDeps): TrayController {
  const { engine, watch, log } = d;
  const tray: TrayController = setupTray<Electron.NativeImage, Electron.Menu>({
    createTray: (image) => new Tray(image),
    buildMenu: (template) => Menu.buildFromTemplate(template),
    iconFor: (kind) => {
      const image = nativeImage.createEmpty();
      for (const rep of trayIconReps(kind, process.platform)) image.addRepresentation(rep);
      return image;
    },
    engine,
    watchingPaused: () => watch.isPaused,
    actions: {
      showWindow: () => void d.showWindow(),
      captureText: d.capture.captureText,
      repeatCapture: d.capture.repeatCapture,
      ocrClipboard: () => void ocrClipboardImage({ clipboard, engine, history: d.history, notify: d.notify }),
      toggleWatching: () => {
        watch.setPaused(!watch.isPaused);
        log('info', `watching ${watch.isPaused ? 'paused' : 'resumed'} from the tray`);
        tray.refresh();
      },
      retryEngine: () => engine.retry(),
      openLog: () => void shell.openPath(log.file),
      quit: () => app.quit(),
    },
  });
  return tray;
}
