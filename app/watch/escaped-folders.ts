/**
 * Watches of the sub-folders whose paths are not valid UTF-8 (file-names.ts): chokidar names them with U+FFFD, finds
 * no such folder and never watches inside it, so a file dropped there later got no event. Each is watched here by
 * its raw bytes, and any event in one asks for the folder to be listed again.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { nameBytes } from './file-names';

/** What a sync of the watched sub-folders did. */
export interface EscapedSync {
  /** Sub-folders watched now that were not before (a file dropped before its watch began needs another listing). */
  readonly added: number;
  /** Some could not be watched (a system limit): the caller lists the folder on its timer instead. */
  readonly failed: boolean;
}

/** The watches on one watched folder's non-UTF-8 sub-folders. */
export class EscapedFolderWatches {
  private readonly watches = new Map<string, FSWatcher>();

  constructor(
    private readonly dir: string,
    private readonly changed: () => void,
  ) {}

  /** Watches exactly the sub-folders `rels` (text forms relative to the folder); drops the others. */
  sync(rels: readonly string[]): EscapedSync {
    const want = new Set(rels);
    for (const [rel, w] of this.watches) if (!want.has(rel)) this.drop(rel, w);
    let added = 0;
    let failed = false;
    for (const rel of want) {
      if (this.watches.has(rel)) continue;
      const bytes = nameBytes(rel);
      if (!bytes) continue; // a valid path: chokidar watches it
      const at = Buffer.concat([Buffer.from(path.join(this.dir, path.sep)), bytes]);
      const own = at.subarray(at.lastIndexOf(path.sep.charCodeAt(0)) + 1);
      try {
        const w = watch(at, { persistent: false, encoding: 'buffer' });
        w.on('change', (event: string, name: Buffer | null) => {
          // The folder itself deleted: its watch hears nothing more, even from a folder made again under its name.
          if (event === 'rename' && name?.equals(own)) this.drop(rel, w);
          this.changed();
        });
        // The folder was deleted or cannot be watched any more: the next listing says which.
        w.on('error', () => (this.drop(rel, w), this.changed()));
        this.watches.set(rel, w);
        added += 1;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // A folder gone since it was listed needs no watch; anything else (EMFILE, ENOSPC) leaves it unwatched.
        if (code !== 'ENOENT' && code !== 'ENOTDIR') failed = true;
      }
    }
    return { added, failed };
  }

  /** Stops every watch. */
  close(): void {
    for (const [rel, w] of this.watches) this.drop(rel, w);
  }

  private drop(rel: string, w: FSWatcher): void {
    if (this.watches.get(rel) === w) this.watches.delete(rel);
    w.close();
  }
}
