/**
 * Which local paths the renderer may name: only those the user gave it by a drop (resolved in the preload with
 * `webUtils.getPathForFile`), chose in a dialog main opened, opened with the app from outside, or folders already
 * watched. Grants are per window. Both the granted path and the one checked are compared as real paths (symbolic
 * links resolved, a path still to be made by its nearest existing parent), so a link inside a granted folder that
 * points outside it does not carry the grant with it.
 */
import path from 'node:path';
import { realPathSoFar } from '../app/watch/output-folder';

/** Where a grant came from. */
export type GrantSource = 'drop' | 'dialog' | 'open';

/**
 * A Windows path without its `\\?\` (or `\\.\`) prefix, which names the same file as the plain form
 * (`\\?\UNC\srv\share` is `\\srv\share`): Electron and Node hand out either, and a grant must not depend on which.
 */
function withoutLongPrefix(p: string): string {
  const m = /^[\\/]{2}[?.][\\/](UNC[\\/])?/i.exec(p);
  if (!m) return p;
  return m[1] ? `\\\\${p.slice(m[0].length)}` : p.slice(m[0].length);
}

/** Whether real path `target` is real path `granted` or inside it, on this platform's paths (`p` for tests). */
export function isWithin(target: string, granted: string, p: path.PlatformPath = path): boolean {
  const win = p.sep === '\\';
  const rel = win
    ? p.relative(withoutLongPrefix(granted), withoutLongPrefix(target))
    : p.relative(granted, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel));
}

/** Per-window sets of granted paths; a granted folder also covers what is inside it. */
export class PathGrants {
  private readonly byWindow = new Map<number, Map<string, GrantSource>>();

  /** Records that window `webContentsId` received `p` from `source`. */
  grant(webContentsId: number, p: string, source: GrantSource): void {
    let set = this.byWindow.get(webContentsId);
    if (!set) this.byWindow.set(webContentsId, (set = new Map()));
    set.set(path.resolve(p), source);
  }

  /** Whether `p`'s real path is a granted path's real path, or inside one, for that window. */
  async allows(webContentsId: number, p: string): Promise<boolean> {
    const granted = [...(this.byWindow.get(webContentsId)?.keys() ?? [])];
    if (granted.length === 0) return false;
    const target = await realPathSoFar(p);
    for (const g of granted) if (isWithin(target, await realPathSoFar(g))) return true;
    return false;
  }

  /** Forgets a window's grants (it closed or navigated). */
  forget(webContentsId: number): void {
    this.byWindow.delete(webContentsId);
  }
}
