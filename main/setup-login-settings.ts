/** What changed settings do outside the settings file: the engine reconfigured, and the app launched at login or not. */
import { app } from 'electron';
import os from 'node:os';
import path from 'node:path';
import type { EngineHost } from '../app/engine/host';
import type { SettingsStore } from '../app/settings/settings-store';
import { applyLoginItem } from './login-item';
import type { FileLog } from './log';
import { setupSettingsEffects } from './settings-effects';

/**
 * Applies settings as they change; launch at login, on in the settings the app `started` with, is applied at start too,
 * so the system's entry stays current.
 */
export function setupLoginSettings(
  started: { readonly launchAtLogin: boolean },
  settings: SettingsStore,
  engine: EngineHost,
  log: FileLog,
): void {
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
  if (started.launchAtLogin) void setLaunchAtLogin(true).catch((err: unknown) => log('warn', String(err)));
}
