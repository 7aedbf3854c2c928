/** The bridge to the windows: IPC handlers and the events broadcast to them, with Electron's folder dialog. */
import { dialog, ipcMain, type BrowserWindow } from 'electron';
import type { EngineHost } from '../app/engine/host';
import type { SettingsStore } from '../app/settings/settings-store';
import type { HistoryStore } from '../app/watch/history-store';
import type { WatchManager } from '../app/watch/watch-manager';
import type { DocumentOps } from './document-ops';
import { setupIpc } from './ipc';
import { setupIpcEvents } from './ipc-events';
import type { FileLog } from './log';
import type { PathGrants } from './path-grants';
import type { WindowRegistry } from './window-registry';

/** What the bridge serves. */
export interface BridgeDeps {
  readonly engine: EngineHost;
  readonly history: HistoryStore;
  readonly settings: SettingsStore;
  readonly watch: WatchManager;
  readonly grants: PathGrants;
  readonly registry: WindowRegistry<BrowserWindow>;
  readonly documents: DocumentOps;
  readonly log: FileLog;
}

/** Registers the IPC handlers (a folder chosen in a dialog owned by the asking window) and the windows' events. */
export function setupBridge(d: BridgeDeps): void {
  setupIpc({
    ipcMain,
    engine: d.engine,
    history: d.history,
    settings: d.settings,
    watch: d.watch,
    grants: d.grants,
    isOurWebContents: (id) => d.registry.has(id),
    chooseFolder: async (id) => {
      const owner = d.registry.get(id);
      const options = {
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      };
      const r = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    log: (level, m) => d.log(level, m),
    documents: d.documents,
  });
  setupIpcEvents({ engine: d.engine, watch: d.watch, broadcast: d.registry.broadcast });
}
