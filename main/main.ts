/**
 * The Electron main process: the composition root. It only wires Electron's modules into the Electron-free parts
 * (app/) and the small setup functions of main/, each of which takes its Electron dependencies as parameters.
 *
 * Order on ready: the engine starts first (the models load and warm while the window loads), then the protocol,
 * permissions and window, IPC, tray and the rest.
 */
import {
  app,
  BrowserWindow,
  clipboard,
  desktopCapturer,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  shell,
  systemPreferences,
  Tray,
  utilityProcess,
} from 'electron';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EngineHost } from '../app/engine/host';
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
import { setupCapture } from './capture-setup';
import { showCaptureInWindow } from './capture-show';
import { ocrClipboardImage } from './clipboard-ocr';
import { ElectronLauncher, ENGINE_SERVICE_NAME } from './electron-launcher';
import { setupEngineSignals } from './engine-signals';
import { setupHttpApi } from './http-api';
import { setupIpc } from './ipc';
import { eventChannel } from './ipc-channels';
import { setupIpcEvents } from './ipc-events';
import { documentOps } from './document-ops';
import { createFileLog } from './log';
import { setupMainWindows } from './main-windows';
import { applyLoginItem, startsInTray } from './login-item';
import { createNotifier } from './notifications';
import { openFiles } from './open-files';
import { PathGrants } from './path-grants';
import { setupPermissions } from './permissions';
import { setupQuit } from './quit';
import { setupSettingsEffects } from './settings-effects';
import { filesFromArgv, relaunchArgs, setupSingleInstance } from './single-instance';
import { setupTray } from './tray';
import { probeTrayHost, runCommand, trayUsable } from './tray-host';
import { trayIconReps } from './tray-icons';
import { WindowRegistry } from './window-registry';
import { secureWebContents } from './web-contents-security';

// Privileged schemes must be registered before `ready`.
registerAppScheme(protocol);

/**
 * Launches handed over before the app was ready (early second launches, macOS open-file), each with its files: one
 * without files still brings the window forward once there is one.
 */
const early: string[][] = [];
let handOff: (files: string[]) => void = (files) => void early.push(files);

const gotLock = setupSingleInstance({
  app,
  argv: process.argv,
  cwd: process.cwd(),
  skip: process.defaultApp ? 2 : 1,
  onSecondInstance: (files) => handOff(files),
});
if (!gotLock) {
  app.quit();
} else {
  app.on('open-file', (event, file) => {
    event.preventDefault();
    handOff([file]);
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      dialog.showErrorBox('Lantern OCR could not start', (err as Error).stack ?? String(err));
      app.exit(1);
    });
}

function start(): void {
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
  const engine = new EngineHost({
    launcher: new ElectronLauncher({
      utilityProcess,
      enginePath: paths.enginePath,
      onOutput: (line) => log('info', line, 'engine'),
      onFatalError: (m) => log('error', m, 'engine'),
    }),
    modelsDir: paths.modelsDir,
    provider: initial.provider,
    threads: initial.threads,
    idlePolicy: initial.idlePolicy,
    log: (level, message) => log(level, message, 'host'),
  });
  engine.start();
  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'Utility' && details.serviceName === ENGINE_SERVICE_NAME)
      log(
        'warn',
        `engine process gone: ${details.reason} (exit code ${details.exitCode}); the host restarts it`,
      );
  });

  // 2. The UI protocol, permissions and the window.
  setupAppProtocol(protocol, paths.rendererRoot, (file) => readFile(file));
  setupPermissions(session.defaultSession, (m) => log('warn', m));
  const notify = createNotifier(Notification, process.platform);
  const registry = new WindowRegistry<BrowserWindow>();
  const grants = new PathGrants();
  const { ledger, notice: ledgerNotice } = openLedgerSettingAside(paths.ledgerFile);
  if (ledgerNotice) log('warn', ledgerNotice);
  ledger.history.onUnreadable((m) => log('warn', m, 'history'));
  // PDFium and pdf-lib run on the document thread, never on main's: the window's documents, files opened from outside,
  // watched folders and the local HTTP API's documents.
  const documentWork = documentThread(documentThreadEntry());
  const watch = new WatchManager({
    ledger,
    service: engine,
    documents: documentWork,
    log: (level, m) => log(level, m, 'watch'),
  });
  let tray: ReturnType<typeof setupTray> | null = null;
  let http: ReturnType<typeof setupHttpApi> | null = null;
  let capture: ReturnType<typeof setupCapture> | null = null;
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
  setupIpc({
    ipcMain,
    engine,
    history: ledger.history,
    settings,
    watch,
    grants,
    isOurWebContents: (id) => registry.has(id),
    chooseFolder: async (id) => {
      const owner = registry.get(id);
      const options = {
        properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
      };
      const r = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    log: (level, m) => log(level, m),
    documents,
  });
  setupIpcEvents({ engine, watch, broadcast: registry.broadcast });

  // 4. Screen capture (shortcut, overlays), tray, notifications, system signals, settings effects, the optional HTTP API.
  capture = setupCapture({
    BrowserWindow,
    ipcMain,
    preload: paths.preload,
    secure: (w) =>
      secureWebContents(w.webContents, {
        log: (m) => log('warn', m),
        openExternal: (url) => void shell.openExternal(url),
      }),
    screen,
    desktopCapturer,
    globalShortcut,
    ...(process.platform === 'darwin'
      ? { getMediaAccessStatus: (m: 'screen') => systemPreferences.getMediaAccessStatus(m) }
      : {}),
    platform: process.platform,
    sessionType: process.env.XDG_SESSION_TYPE,
    engine,
    clipboard: { writeText: (t) => clipboard.writeText(t) },
    history: ledger.history,
    notify,
    open: (region) => showCaptureInWindow(showWindow, region),
    settings,
    log: (level, m) => log(level, m, 'capture'),
    isMainWindow: (id) => registry.has(id),
  });
  const { captureText, repeatCapture } = capture;
  tray = setupTray<Electron.NativeImage, Electron.Menu>({
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
      showWindow: () => void showWindow(),
      captureText,
      repeatCapture,
      ocrClipboard: () => void ocrClipboardImage({ clipboard, engine, history: ledger.history, notify }),
      toggleWatching: () => {
        watch.setPaused(!watch.isPaused);
        log('info', `watching ${watch.isPaused ? 'paused' : 'resumed'} from the tray`);
        tray?.refresh();
      },
      retryEngine: () => engine.retry(),
      openLog: () => void shell.openPath(log.file),
      quit: () => app.quit(),
    },
  });
  setupBatchNotifications(watch, notify);
  setupEngineSignals({ powerMonitor, engine, log: (level, m) => log(level, m) });
  const setLaunchAtLogin = (enabled: boolean) =>
    applyLoginItem({
      app,
      platform: process.platform,
      enabled,
      execPath: process.env.APPIMAGE ?? process.execPath,
      execArgs: process.defaultApp ? [app.getAppPath()] : [],
      autostartDir: path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'autostart'),
    });
  setupSettingsEffects({
    settings,
    reconfigureEngine: (next) => engine.reconfigure(next),
    setLaunchAtLogin,
    log: (level, m) => log(level, m),
  });
  if (initial.launchAtLogin) void setLaunchAtLogin(true).catch((err: unknown) => log('warn', String(err)));
  http = setupHttpApi({
    settings,
    start: ({ port, token }) =>
      startHttpServer({
        backend: { engine, history: ledger.history, settings, watch, documents: documentWork },
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
  if (ledgerNotice) notify('History and watched folders were reset', ledgerNotice);
  // Files from the command line, second launches and macOS open-file: the window comes forward and reads them as dropped.
  // While quitting (the engine and watchers stopping) a launch still lands here: the app starts again once it is gone.
  handOff = (files) => {
    if (!quit.isQuitting()) return void openFiles({ showWindow, grants }, files);
    log('info', 'launched while quitting: starting again once stopped');
    app.relaunch({
      args: relaunchArgs(process.argv, process.defaultApp ? 2 : 1, files),
      // An AppImage's executable lives on a mount that goes with this process.
      ...(process.env.APPIMAGE ? { execPath: process.env.APPIMAGE } : {}),
    });
  };
  const initialFiles = filesFromArgv(process.argv, process.cwd(), process.defaultApp ? 2 : 1);
  const earlyLaunches = early.splice(0);
  // Files on the first command line, or any launch since: shown even when this one started hidden.
  if (initialFiles.length > 0 || earlyLaunches.length > 0)
    handOff([...initialFiles, ...earlyLaunches.flat()]);
}
