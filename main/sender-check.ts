/** Who may call main over IPC: only the top frame of one of our windows, showing our `lantern://app/` origin. */

/** The custom scheme the UI is served from. */
export const APP_SCHEME = 'lantern';

/** The host part of the app's URLs. */
export const APP_HOST = 'app';

/** The URL the main window loads. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The parts of an IPC event the check reads (Electron's IpcMainEvent and IpcMainInvokeEvent fit). */
export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** Whether a URL is one of ours (`lantern://app/...`). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Why a sender is refused, or null when it is trusted. */
export function senderProblem(event: IpcEventLike, isOurWebContents: (id: number) => boolean): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return 'the sender is a subframe';
  if (!isAppUrl(frame.url))
    return `the sender's URL is not ${APP_SCHEME}://${APP_HOST}/ (${frame.url.slice(0, 200)})`;
  if (!isOurWebContents(event.sender.id)) return 'the sender is not a Lantern window';
  return null;
}
