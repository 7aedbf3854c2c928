/**
 * The files of a watched folder whose names are not UTF-8 (file-names.ts): chokidar cannot see them (it names them
 * with U+FFFD and finds no such file), listings do. The folder is listed again when a raw event names such a file,
 * when a non-UTF-8 sub-folder's own watch hears something, and on the watcher's timer while polled.
 */
import type { FSWatcher } from 'chokidar';
import type { WatchOptions } from '../contracts/lantern-api';
import { EscapedFolderWatches } from './escaped-folders';
import { inputPath, nameBytes } from './file-names';
import { listFolder, settledFiles, type FolderNotes } from './scan';

/** The real paths an open watcher lists. */
export interface ListedFolder {
  readonly dir: string;
  readonly outDir: string | null;
}

/** What the listing needs from its folder's watcher. */
export interface EscapedListingHost {
  readonly options: WatchOptions;
  /** A file is complete when its size has not changed for this long (ms). */
  readonly stabilityMs: number;
  /** Whether `w` is still the open watcher. */
  current(w: FSWatcher): boolean;
  /** Whether the folder is polled: its sub-folders then get no watches of their own. */
  polled(): boolean;
  /** Sub-folders the listing could not read. */
  lockedDirs(ds: readonly string[]): void;
  /** A file reported before is no longer there. */
  gone(rel: string): void;
  /** A new or changed file has settled. */
  report(rel: string, abs: string | Buffer, size: number, mtimeMs: number): void;
}

/** The non-UTF-8 names of one watched folder, listed again as needed. */
export class EscapedListing {
  /** Names now reported, by text form, with the size and mtime reported (a listing reports only news). */
  private readonly reported = new Map<string, string>();
  /** Watches of the sub-folders whose paths are not UTF-8, which chokidar cannot watch. */
  private subfolders: EscapedFolderWatches | null = null;
  /** List the folder on every timer tick: it is polled, or such a sub-folder has no watch. */
  private onTimer = false;
  private relisting = false;
  private relistAgain = false;

  constructor(private readonly host: EscapedListingHost) {}

  /** A watcher `w` opened on `at`: its non-UTF-8 sub-folders get watches that list the folder again. */
  opened(w: FSWatcher, at: ListedFolder): void {
    this.onTimer = false; // from `ready` on, when polled: the first listing is the watcher's own
    this.subfolders = new EscapedFolderWatches(at.dir, () => {
      if (this.host.current(w)) void this.relist(w, at);
    });
  }

  /** Lists on every timer tick from now on (the folder is polled: no event names a non-UTF-8 file). */
  listOnTimer(): void {
    this.onTimer = true;
  }

  /** The watcher's timer ticked. */
  tick(w: FSWatcher, at: ListedFolder): void {
    if (this.onTimer) void this.relist(w, at);
  }

  /** Whether a file the watcher's own listing found is news: false for a non-UTF-8 name a listing already reported. */
  claim(rel: string, size: number, mtimeMs: number): boolean {
    if (!nameBytes(rel)) return true;
    const key = `${size}:${mtimeMs}`;
    if (this.reported.get(rel) === key) return false;
    this.reported.set(rel, key);
    return true;
  }

  /**
   * Lists the folder again for the files whose names are not UTF-8 (no chokidar event names them): new or changed
   * ones are reported once settled, ones no longer there as gone, and the sub-folders so named are watched. Calls
   * while a listing runs make it run once more, as does a sub-folder watched for the first time (a file dropped in
   * it before its watch began).
   */
  async relist(w: FSWatcher, at: ListedFolder): Promise<void> {
    if (this.relisting) return void (this.relistAgain = true);
    this.relisting = true;
    try {
      do {
        this.relistAgain = false;
        const notes: FolderNotes = { escapedDirs: [], unreadableDirs: [] };
        const options = { ...this.host.options, outDir: at.outDir };
        const listed = await listFolder(at.dir, options, notes).catch(() => null);
        if (!listed || !this.host.current(w)) return;
        this.host.lockedDirs(notes.unreadableDirs);
        if (!this.host.polled() && this.subfolders) {
          const synced = this.subfolders.sync(notes.escapedDirs);
          if (synced.failed) this.onTimer = true;
          if (synced.added > 0) this.relistAgain = true;
        }
        const now = listed.filter((rel) => nameBytes(rel) !== null);
        const present = new Set(now);
        for (const rel of [...this.reported.keys()])
          if (!present.has(rel)) {
            this.reported.delete(rel);
            this.host.gone(rel);
          }
        for (const f of await settledFiles(at.dir, now, this.host.stabilityMs)) {
          if (!this.host.current(w)) return;
          const seen = `${f.size}:${f.mtimeMs}`;
          if (this.reported.get(f.rel) === seen) continue;
          this.reported.set(f.rel, seen);
          this.host.report(f.rel, await inputPath(at.dir, f.rel), f.size, f.mtimeMs);
        }
      } while (this.relistAgain);
    } finally {
      this.relisting = false;
    }
  }

  /** Forgets what was reported and stops the sub-folder watches: a reopened watcher reports every file again. */
  clear(): void {
    this.reported.clear();
    this.subfolders?.close();
    this.subfolders = null;
  }
}
