/** The engine, wired to Electron's utility process: started before any window, so the models load while the UI does. */
import { app, utilityProcess } from 'electron';
import type { Settings } from '../app/contracts/settings';
import { EngineHost } from '../app/engine/host';
import type { AppPaths } from './app-paths';
import { ElectronLauncher, ENGINE_SERVICE_NAME } from './electron-launcher';
import type { FileLog } from './log';

/** Starts the supervised engine worker with the saved settings; its process going is logged (the host restarts it). */
export function setupEngine(paths: AppPaths, initial: Settings, log: FileLog): EngineHost {
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
  return engine;
}
