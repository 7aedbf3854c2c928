/** The application id: electron-builder's appId, and the Windows AppUserModelId notifications and taskbar match on. */
export const APP_ID = 'org.lantern.ocr';

/**
 * The AppUserModelId to set on Windows: the appId the NSIS shortcut carries when packaged; in development
 * (`electron.exe .`, no shortcut of ours) the executable's path, which a Start-menu pin of electron.exe matches.
 */
export function appUserModelId(isPackaged: boolean, execPath: string): string {
  return isPackaged ? APP_ID : execPath;
}
