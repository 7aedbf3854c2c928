/** The renderer's one way to the app: `window.lantern` when the Electron preload defined it, else the web transport. */
import type { DocumentResult } from '../../app/contracts/document-result';
import type { DocumentReadOptions, LanternApi } from '../../app/contracts/lantern-api';
import type { OpenedFiles } from '../../app/contracts/lantern-ops';
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

/** A document named by its path on disk (desktop only). */
export interface PathFile {
  readonly name: string;
  readonly path: string;
}

/** The desktop-only extras of the preload (`window.lanternDesktop`), absent in the browser. */
export interface DesktopFolders {
  chooseFolder(): Promise<string | null>;
  /** The local path of a dropped or opened File ('' when it has none), granted to this window. */
  pathForFile(file: File): string;
  /** Documents read by main from their path (no bytes cross IPC, so large PDFs work). */
  readonly documents: {
    recognize(file: PathFile, options?: DocumentReadOptions): Promise<DocumentResult>;
    pageImage(file: PathFile, page: number, options?: { readonly password?: string }): Promise<Uint8Array>;
    searchablePdf(file: PathFile, result: DocumentResult): Promise<Uint8Array>;
  };
  /** An opened image's bytes (a file opened from outside has no File in the page). */
  imageAt(file: PathFile): Promise<Uint8Array>;
  /** Files opened from outside the window ("Open with", command line), already granted to it. */
  onOpened(cb: (opened: OpenedFiles) => void): () => void;
}

/** The desktop extras when running in Electron: there a folder must come from the dialog (or a drop) to be granted. */
export const desktop: DesktopFolders | undefined = (window as { lanternDesktop?: DesktopFolders })
  .lanternDesktop;
