/** The application id: electron-builder's appId, and the Windows AppUserModelId notifications and taskbar match on. */
export const APP_ID = 'org.lantern.ocr';
