/**
 * Which local paths the renderer may name: only those the user gave it by a drop (resolved in the preload with
 * `webUtils.getPathForFile`), chose in a dialog main opened, opened with the app from outside, or folders already
 * watched. Grants are per window.
 */
import path from 'node:path';

/** Where a grant came from. */
export type GrantSource = 'drop' | 'dialog' | 'open';

/** Per-window sets of granted paths; a granted folder also covers what is inside it. */
export class PathGrants {
  private readonly byWindow = new Map<number, Map<string, GrantSource>>();

  /** Records that window `webContentsId` received `p` from `source`. */
  grant(webContentsId: number, p: string, source: GrantSource): void {
    let set = this.byWindow.get(webContentsId);
    if (!set) this.byWindow.set(webContentsId, (set = new Map()));
    set.set(path.resolve(p), source);
  }

  /** Whether `p` (resolved) is a granted path, or inside a granted folder, for that window. */
  allows(webContentsId: number, p: string): boolean {
    const target = path.resolve(p);
    for (const granted of this.byWindow.get(webContentsId)?.keys() ?? []) {
      if (target === granted) return true;
      const rel = path.relative(granted, target);
      if (rel && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel)) return true;
    }
    return false;
  }

  /** Forgets a window's grants (it closed or navigated). */
  forget(webContentsId: number): void {
    this.byWindow.delete(webContentsId);
  }
}
