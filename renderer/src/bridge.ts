/** The renderer's one way to the app: `window.lantern` when the Electron preload defined it, else the web transport. */
import type { LanternApi } from '../../app/contracts/lantern-api';
import { createWebTransport } from '../../app/web/web-transport';

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
