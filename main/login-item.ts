/**
 * Launch at login: `app.setLoginItemSettings` on macOS and Windows; an XDG autostart entry on Linux (where Electron
 * has no login-item API). Login launches start in the tray: Windows and Linux pass `--hidden`; macOS login items take no
 * arguments (Electron 45 has no `openAsHidden`), so there the app also asks `wasOpenedAtLogin`.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The argument that starts the app minimised to the tray. */
export const HIDDEN_ARG = '--hidden';

/** The part of Electron's app used (Electron 45's `Settings`: `path`/`args` are Windows-only). */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
}

/** The part of Electron's app `startsInTray` reads. */
export interface LoginItemStateApp {
  getLoginItemSettings(): { wasOpenedAtLogin?: boolean };
}

/**
 * Whether this launch starts in the tray: `--hidden` on every platform (the Windows and Linux login items pass it, and
 * `npm start -- --hidden`), or macOS's login item, which takes no arguments.
 */
export function startsInTray(
  platform: NodeJS.Platform,
  argv: readonly string[],
  app: LoginItemStateApp,
): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

/** Quotes a Windows command-line argument that holds spaces (Electron passes `args` to the registry verbatim). */
function windowsQuote(arg: string): string {
  return /[\s"]/.test(arg) ? `"${arg.replace(/"/g, '\\"')}"` : arg;
}

/** Options of the login item. */
export interface LoginItemOptions {
  readonly app: LoginItemApp;
  readonly platform: NodeJS.Platform;
  readonly enabled: boolean;
  /** The program to start (the AppImage path when running from one). */
  readonly execPath: string;
  /** Arguments before --hidden (the app folder when running unpackaged `electron .`). */
  readonly execArgs?: readonly string[];
  /** ~/.config/autostart (Linux). */
  readonly autostartDir: string;
}

/** Quotes one argument for a .desktop Exec line. */
function desktopQuote(arg: string): string {
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

/** The XDG autostart entry for Linux. */
export function autostartEntry(execPath: string, execArgs: readonly string[] = []): string {
  const exec = [execPath, ...execArgs].map(desktopQuote).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Lantern OCR',
    'Comment=Start Lantern OCR in the tray',
    `Exec=${exec} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** The autostart file name on Linux. */
export const AUTOSTART_FILE = 'lantern-ocr.desktop';

/** Turns launch at login on or off. */
export async function applyLoginItem(o: LoginItemOptions): Promise<void> {
  if (o.platform === 'linux') {
    const file = path.join(o.autostartDir, AUTOSTART_FILE);
    if (!o.enabled) return rm(file, { force: true });
    await mkdir(o.autostartDir, { recursive: true });
    await writeFile(file, autostartEntry(o.execPath, o.execArgs), 'utf8');
    return;
  }
  if (o.platform === 'darwin') return o.app.setLoginItemSettings({ openAtLogin: o.enabled });
  o.app.setLoginItemSettings({
    openAtLogin: o.enabled,
    path: o.execPath,
    args: [...(o.execArgs ?? []), HIDDEN_ARG].map(windowsQuote),
  });
}
