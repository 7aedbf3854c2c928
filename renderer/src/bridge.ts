/** The renderer's one way to the app: `window.lantern` when the Electron preload defined it, else the web transport. */
import type { LanternApi } from '../../app/contracts/lantern-api';
import { createWebTransport } from './transport/web-transport';

/** Picks the preload's bridge when present (Electron), else HTTP + SSE against the serving origin (`serve`). */
export function pickBridge(
  w: { readonly lantern?: LanternApi } = window as { lantern?: LanternApi },
): LanternApi {
  return w.lantern ?? createWebTransport();
}

/** The bridge the whole UI uses. */
export const lantern: LanternApi = pickBridge();

/** Whether the UI runs in a browser against `serve` (no preload). */
export const isWeb = !(window as { lantern?: LanternApi }).lantern;

/** The desktop-only folder picker of the preload (`window.lanternDesktop`), absent in the browser. */
export interface DesktopFolders {
  chooseFolder(): Promise<string | null>;
}

/** The desktop extras when running in Electron: there a folder must come from the dialog (or a drop) to be granted. */
export const desktop: DesktopFolders | undefined = (window as { lanternDesktop?: DesktopFolders })
  .lanternDesktop;
