/**
 * The Electron main process: the composition root. It keeps the startup order; each concern's wiring of Electron's
 * modules into the Electron-free parts (app/) lives in a setup-*.ts file of its own, and the small setup functions of
 * main/ take their Electron dependencies as parameters.
 *
 * Order on ready: the engine starts first (the models load and warm while the window loads), then the protocol,
 * permissions and window, IPC, tray and the rest.
 */
import { app, BrowserWindow, Menu, Notification, powerMonitor, protocol, session, shell } from 'electron';
import { readFile } from 'node:fs/promises';
import { startHttpServer } from '../app/http/server';
import { SettingsStore } from '../app/settings/settings-store';
import { openLedgerSettingAside } from '../app/watch/ledger-set-aside';
import { WatchManager } from '../app/watch/watch-manager';
import { documentThread, documentThreadEntry } from '../app/documents/document-thread-client';
import { appUserModelId } from './app-id';
import { appMenuTemplate } from './app-menu';
import { appPaths } from './app-paths';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { setupBatchNotifications } from './batch-notify';
import { setupEngineSignals } from './engine-signals';
import { setupHttpApi } from './http-api';
import { eventChannel } from './ipc-channels';
import { documentOps } from './document-ops';
import { createFileLog } from './log';
import { setupMainWindows } from './main-windows';
import { startsInTray } from './login-item';
import { createNotifier } from './notifications';
import { PathGrants } from './path-grants';
import { setupPermissions } from './permissions';
import { setupQuit } from './quit';
import { setupAppTray } from './setup-app-tray';
import { setupBridge } from './setup-bridge';
import { setupEngine } from './setup-engine';
import { setupLaunches, type Launches } from './setup-launches';
import { setupLoginSettings } from './setup-login-settings';
import { setupScreenCapture } from './setup-screen-capture';
import { probeTrayHost, runCommand, trayUsable } from './tray-host';
import { WindowRegistry } from './window-registry';

// Privileged schemes must be registered before `ready`.
registerAppScheme(protocol);
setupLaunches(start);

function start(launches: Launches): void {
  const paths = appPaths({
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    userData: app.getPath('userData'),
  });
  const log = createFileLog({ dir: paths.logDir, echo: !app.isPackaged });
  // Windows shows notifications only for an AppUserModelId a Start-menu shortcut carries (see app-id.ts).
  if (process.platform === 'win32') app.setAppUserModelId(appUserModelId(app.isPackaged, process.execPath));
  // Packaged builds: no Reload or DevTools in the menu.
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged })),
  );
  log('info', `Lantern OCR ${app.getVersion()} starting (Electron ${process.versions.electron})`);
  const settings = SettingsStore.open(paths.userData);
  if (settings.notice) log('warn', settings.notice);
  const initial = settings.get();

  // 1. The engine, before any window: the models load and warm while the UI loads.
  const engine = setupEngine(paths, initial, log);

  // 2. The UI protocol, permissions and the window.
  setupAppProtocol(protocol, paths.rendererRoot, (file) => readFile(file));
  setupPermissions(session.defaultSession, (m) => log('warn', m));
  const notify = createNotifier(Notification, process.platform);
  const registry = new WindowRegistry<BrowserWindow>();
  const grants = new PathGrants();
  const { ledger, notice: ledgerNotice } = openLedgerSettingAside(paths.ledgerFile);
  if (ledgerNotice) log('warn', `${ledgerNotice.code}: ${ledgerNotice.message}`);
  ledger.history.onUnreadable((m) => log('warn', m, 'history'));
  // Damage found while running stops watching (the watch log says so): a window hidden in the tray says nothing of it.
  ledger.onDamaged((err) => notify('Watching stopped: the ledger is damaged', err.message));
  // PDFium and pdf-lib run on the document thread, never on main's: the window's documents, files opened from outside,
  // watched folders and the local HTTP API's documents.
  const documentWork = documentThread(documentThreadEntry());
  const watch = new WatchManager({
    ledger,
    service: engine,
    documents: documentWork,
    log: (level, m) => log(level, m, 'watch'),
    // The window's folder rows say the ledger began anew, as `serve`'s do: a notification alone is gone once closed.
    ledgerNotice,
  });
  let tray: ReturnType<typeof setupAppTray> | null = null;
  let http: ReturnType<typeof setupHttpApi> | null = null;
  let capture: ReturnType<typeof setupScreenCapture> | null = null;
  // On Linux the tray is seen only with a StatusNotifier host: until the probe says so, closing the window quits.
  let trayVisible = trayUsable(process.platform, 'unknown');
  const hiddenAtStart = initial.startMinimized || startsInTray(process.platform, process.argv, app);
  if (process.platform === 'linux')
    void probeTrayHost(runCommand).then((host) => {
      trayVisible = trayUsable(process.platform, host);
      log(
        'info',
        `tray host: ${host}${trayVisible ? '' : ' (closing the window quits; nothing starts hidden)'}`,
      );
      if (!trayVisible && hiddenAtStart) showWindow();
    });
  const quit = setupQuit({
    app,
    platform: process.platform,
    log: (m) => log('warn', m),
    cleanup: async () => {
      tray?.destroy();
      capture?.dispose();
      await http?.close();
      await watch.close();
      await documentWork.close();
      await engine.stop(2000);
      ledger.close();
      log('info', 'stopped');
    },
  });
  // Documents read in the window or opened from outside: each page's progress to the windows and the tray ("Page 3 of
  // 12"). Made before any window, whose page going cancels its documents.
  const documents = documentOps({
    engine,
    work: documentWork,
    history: ledger.history,
    activity: {
      page: (p) => {
        registry.broadcast(eventChannel('page'), p);
        tray?.documentPage(p);
      },
      end: (file) => tray?.documentEnd(file),
    },
    log: (level, m) => log(level, m),
  });
  const windows = setupMainWindows({
    BrowserWindow,
    preload: paths.preload,
    devTools: !app.isPackaged,
    ...(process.platform === 'darwin' ? {} : { icon: paths.windowIcon }),
    registry,
    grants,
    cancelDocuments: (id) => documents.cancelOwner(id),
    onFocus: () => engine.prewarm(),
    openExternal: (url) => void shell.openExternal(url),
    settings,
    isQuitting: quit.isQuitting,
    trayVisible: () => trayVisible,
    notify,
    log: (level, m) => log(level, m),
  });
  const showWindow = windows.show;
  windows.create(hiddenAtStart);
  // macOS: a click on the dock icon brings the window back.
  app.on('activate', () => void showWindow());

  // 3. The bridge.
  const history = ledger.history;
  setupBridge({ engine, history, settings, watch, grants, registry, documents, log });

  // 4. Screen capture (shortcut, overlays), tray, notifications, system signals, settings effects, the optional HTTP API.
  capture = setupScreenCapture({
    preload: paths.preload,
    engine,
    history,
    notify,
    settings,
    showWindow,
    isMainWindow: (id) => registry.has(id),
    log,
  });
  tray = setupAppTray({ engine, watch, history, notify, showWindow, capture, log });
  setupBatchNotifications(watch, notify);
  setupEngineSignals({ powerMonitor, engine, log: (level, m) => log(level, m) });
  setupLoginSettings(initial, settings, engine, log);
  http = setupHttpApi({
    settings,
    start: ({ port, token }) =>
      startHttpServer({
        backend: { engine, history, settings, watch, documents: documentWork },
        host: '127.0.0.1',
        port,
        token,
      }),
    log: (level, m) => log(level, m),
    notify,
  });
  void watch
    .start()
    .catch((err: unknown) => log('error', `watching could not start: ${(err as Error).message}`));

  if (settings.notice) notify('Settings were reset to defaults', settings.notice);
  if (ledgerNotice) notify('History and watched folders were reset', ledgerNotice.message);
  // Files from the command line, second launches and macOS open-file: the window comes forward and reads them as dropped.
  launches.ready({ showWindow, grants, isQuitting: quit.isQuitting, log });
}
