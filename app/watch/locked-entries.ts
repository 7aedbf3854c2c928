/**
 * The files and sub-folders of a watched folder that could not be read when met. No watch event says when one can be
 * read (a file that cannot be read cannot be watched either, and chokidar drops a folder it cannot read), so the
 * watcher checks them again on its timer.
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readable, readableDir } from './access-checks';
import { inputPath } from './file-names';

/** One watched folder's locked files (paths relative to it) and locked sub-folders (real paths). */
export class LockedEntries {
  /** Files reported while they could not be read, by path relative to the folder. */
  private readonly files = new Set<string>();
  /** Folders (real paths) that could not be read: chokidar dropped them, so the watcher reopens once they can be. */
  private readonly dirs = new Set<string>();

  /** Remembers a reported file while it cannot be read, or forgets it once it can; `watching` says it still counts. */
  note(rel: string, abs: string | Buffer, watching: () => boolean): void {
    void readable(abs).then((ok) => {
      if (ok) this.files.delete(rel);
      else if (watching()) this.files.add(rel);
    });
  }

  /** Remembers `d` when it is a folder this process cannot read (not one that is gone); `current` says it counts. */
  async noteDir(d: string, current: () => boolean): Promise<void> {
    const st = await stat(d).catch(() => null);
    if (st?.isDirectory() && !(await readableDir(d)) && current()) this.dirs.add(d);
  }

  /** Remembers folders a listing found it could not read. */
  addDirs(ds: readonly string[]): void {
    for (const d of ds) this.dirs.add(d);
  }

  /** Forgets a file that is gone. */
  forget(rel: string): void {
    this.files.delete(rel);
  }

  /** Whether a locked folder can be read now: the watcher reopens, since chokidar dropped it. */
  async anyDirReadable(): Promise<boolean> {
    for (const d of this.dirs) if (await readableDir(d)) return true;
    return false;
  }

  /** Hands each locked file of `dir` that can be read now to `unlocked`, and forgets it. */
  async recheckFiles(dir: string, unlocked: (rel: string, st: Stats) => void): Promise<void> {
    for (const rel of [...this.files]) {
      const abs = await inputPath(dir, rel);
      if (!(await readable(abs))) continue;
      this.files.delete(rel);
      const st = await stat(abs).catch(() => null);
      if (st?.isFile()) unlocked(rel, st);
    }
  }

  /** Forgets everything: a reopened watcher reports every file again, and its listing finds the folders still locked. */
  clear(): void {
    this.files.clear();
    this.dirs.clear();
  }
}
