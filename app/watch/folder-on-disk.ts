/** What a watched folder's path holds now, so a watcher knows whether to open, keep, reopen or wait. */
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { readableDir } from './access-checks';

/** A folder that can be watched (its stats and real path), or why it cannot. */
export type FolderOnDisk = { readonly st: Stats; readonly real: string } | { readonly why: string };

/** Looks at `dir`: a folder that cannot be listed counts as unavailable, not as empty. */
export async function folderOnDisk(dir: string): Promise<FolderOnDisk> {
  try {
    const st = await stat(dir);
    if (!st.isDirectory()) return { why: 'not a folder' };
    // A folder that cannot be listed would be scanned as empty, and every file in it taken as deleted.
    if (!(await readableDir(dir))) return { why: 'permission denied' };
    return { st, real: await realpath(dir) };
  } catch (err) {
    return {
      why: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder not found' : (err as Error).message,
    };
  }
}
