/** Permission requests from the page are denied, except writing plain text to the clipboard (Copy) from our origin. */
import { isAppUrl } from './sender-check';

/** The part of an Electron session the permission setup uses. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: { readonly requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (webContents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

/** The only permission granted, and only to our origin: `navigator.clipboard.writeText` for Copy. */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

/** Whether a permission may be granted to the URL or origin asking for it. */
export function permissionAllowed(permission: string, url: string | undefined): boolean {
  return permission === ALLOWED_PERMISSION && url !== undefined && isAppUrl(url);
}

/** Installs the deny-all handlers (requests, checks, devices). */
export function setupPermissions(session: PermissionSession, log?: (message: string) => void): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const ok = permissionAllowed(permission, details.requestingUrl);
    if (!ok) log?.(`permission "${permission}" denied to ${details.requestingUrl ?? 'unknown'}`);
    callback(ok);
  });
  session.setPermissionCheckHandler((_wc, permission, origin) => permissionAllowed(permission, origin));
  session.setDevicePermissionHandler(() => false);
}
