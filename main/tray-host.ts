/**
 * Whether a tray icon is visible at all. Windows and macOS always show one. On Linux Electron's tray is a
 * StatusNotifierItem, shown only where a StatusNotifier host runs (KDE, Ubuntu's GNOME with AppIndicator, XFCE's
 * plugin…); stock GNOME has none, so there hiding the window to the tray would leave nothing visible.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** What the probe found: a host, none, or no way to ask (no gdbus or busctl). */
export type TrayHost = 'present' | 'absent' | 'unknown';

/** Runs a program and resolves to its stdout; rejects when it fails or cannot be started (`code` ENOENT). */
export type RunCommand = (file: string, args: readonly string[]) => Promise<string>;

const WATCHER = 'org.kde.StatusNotifierWatcher';
const PROPERTY = 'IsStatusNotifierHostRegistered';

/** Two ways to read the watcher's property on the session bus: GLib's gdbus, then systemd's busctl. */
const PROBES: readonly { file: string; args: readonly string[]; yes: RegExp }[] = [
  {
    file: 'gdbus',
    args: [
      'call',
      '--session',
      '--dest',
      WATCHER,
      '--object-path',
      '/StatusNotifierWatcher',
      '--method',
      'org.freedesktop.DBus.Properties.Get',
      WATCHER,
      PROPERTY,
    ],
    yes: /\btrue\b/,
  },
  {
    file: 'busctl',
    args: ['--user', 'get-property', WATCHER, '/StatusNotifierWatcher', WATCHER, PROPERTY],
    yes: /^b true/,
  },
];

/** Asks the session bus whether a StatusNotifier host is registered (the first probe program that exists answers). */
export async function probeTrayHost(run: RunCommand): Promise<TrayHost> {
  for (const p of PROBES) {
    try {
      return p.yes.test((await run(p.file, p.args)).trim()) ? 'present' : 'absent';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return 'absent'; // the watcher is not on the bus
    }
  }
  return 'unknown';
}

/** Whether the tray can stand in for the window: always on Windows and macOS, on Linux only with a host seen. */
export function trayUsable(platform: NodeJS.Platform, host: TrayHost): boolean {
  return platform !== 'linux' || host === 'present';
}

/** Runs a probe program for at most two seconds. */
export const runCommand: RunCommand = async (file, args) =>
  (await promisify(execFile)(file, [...args], { timeout: 2000, encoding: 'utf8' })).stdout;
