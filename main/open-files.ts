/**
 * Files handed to the app from outside the window (a second launch, "Open with", the first command line): the window
 * comes forward, is granted their paths as a drop grants them, and reads them as dropped files (strip, progress,
 * Cancel, password, export). Sent once its page has loaded, so a window made for them loses none.
 */
import path from 'node:path';
import { openedFilesSchema, type OpenedFiles } from '../app/contracts/lantern-ops';
import { isAbsolutePath, LIMITS } from '../app/contracts/op-schemas';
import { eventChannel } from './ipc-channels';
import type { PathGrants } from './path-grants';
import { sendWhenLoaded, type LoadingContents } from './send-when-loaded';

/** The part of a BrowserWindow used: its webContents, which the grants are keyed by. */
export interface OpenTarget {
  readonly webContents: LoadingContents<OpenedFiles> & { readonly id: number };
}

/** What opening outside files needs. */
export interface OpenFilesDeps {
  /** Brings the window forward (made anew when none is open) and answers it. */
  readonly showWindow: () => OpenTarget;
  readonly grants: Pick<PathGrants, 'grant'>;
}

/** Shows the window, grants it the files and sends them on the `opened` event; answers how many were sent. */
export function openFiles(d: OpenFilesDeps, files: readonly string[]): number {
  const win = d.showWindow();
  const opened = files.filter(isAbsolutePath).map((f) => ({ name: path.basename(f), path: f }));
  for (let at = 0; at < opened.length; at += LIMITS.droppedPaths) {
    // Validated as any payload of the contract: these paths came from another process or the OS.
    const batch = openedFilesSchema.safeParse({ files: opened.slice(at, at + LIMITS.droppedPaths) });
    if (!batch.success) continue;
    for (const f of batch.data.files) d.grants.grant(win.webContents.id, f.path, 'open');
    sendWhenLoaded(win.webContents, eventChannel('opened'), batch.data);
  }
  return opened.length;
}
