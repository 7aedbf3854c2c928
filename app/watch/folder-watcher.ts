/**
 * Watches one folder with chokidar: reports complete files (awaitWriteFinish, and a settle wait for the files
 * found at start-up), deletions, the end of the initial scan, and the folder itself disappearing and coming back.
 * When the system's file-watch limits are reached (watch-limits.ts) it says so and polls the folder instead of going
 * deaf. What chokidar cannot see has its own helpers: locked files and folders (locked-entries.ts), non-UTF-8 names
 * (escaped-listing.ts) and broken symbolic links (broken-links.ts).
 */
import type { FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { WatchOptions } from '../contracts/lantern-api';
import { BrokenLinks, type BrokenLinkReports } from './broken-links';
import { openChokidar } from './chokidar-watch';
import { EscapedListing, type ListedFolder } from './escaped-listing';
import { inputPath } from './file-names';
import { folderOnDisk } from './folder-on-disk';
import { LockedEntries } from './locked-entries';
import { realPathSoFar } from './output-folder';
import type { FolderWatcherHandlers, FolderWatcherTimings } from './folder-watcher-types';
import { renamedInput } from './renamed-input';
import { nameMatcher } from './patterns';
import { settle } from './read-file';
import { listFolder, settledFiles, type FolderNotes } from './scan';
import { pollingMessage, WATCH_LIMIT_CODES } from './watch-limits';

export { WATCH_LIMIT_CODES } from './watch-limits';

/** One watched folder. */
export class FolderWatcher {
  private watcher: FSWatcher | null = null;
  private ino: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private missing: string | null = null;
  private closed = false;
  private checking = false;
  private polled = false;
  /**
   * Reopen at the next check even if a folder with the same inode number is there: the watched folder was deleted or
   * moved, or a folder chokidar dropped because it could not be read can be read again.
   */
  private replaced = false;
  private readonly locked = new LockedEntries();
  private readonly brokenLinks = new BrokenLinks();
  /** The watcher whose first scan is done: a polled one's folder is listed on the timer for broken links from then. */
  private readyWatcher: FSWatcher | null = null;
  private readonly escaped: EscapedListing;
  /** The real paths the open watcher lists. */
  private listing: ListedFolder | null = null;
  private readonly stabilityMs: number;
  private readonly pollMs: number;
  private readonly matches: (name: string) => boolean;

  constructor(
    readonly dir: string,
    readonly options: WatchOptions,
    private readonly on: FolderWatcherHandlers,
    timings: FolderWatcherTimings = {},
  ) {
    this.stabilityMs = timings.stabilityMs ?? 400;
    this.pollMs = timings.pollMs ?? 1000;
    this.matches = nameMatcher(options.patterns);
    this.escaped = new EscapedListing({
      options,
      stabilityMs: this.stabilityMs,
      current: (w) => this.watcher === w,
      polled: () => this.polled,
      lockedDirs: (ds) => this.locked.addDirs(ds),
      gone: (rel) => (this.locked.forget(rel), this.on.gone(rel)),
      report: (rel, abs, size, mtimeMs) => this.report(rel, abs, size, mtimeMs),
    });
  }

  /**
   * Starts watching (or waiting for the folder to exist); resolves once the first check has run, so a folder that
   * is missing is already reported as such to whoever added it.
   */
  start(): Promise<void> {
    this.timer = setInterval(() => void this.check(), this.pollMs);
    this.timer.unref();
    return this.check();
  }

  /** Stops watching. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.closeWatcher();
  }

  /** Compares the folder on disk with what is watched: opens, closes or reopens the chokidar watcher. */
  private async check(): Promise<void> {
    if (this.checking || this.closed) return;
    this.checking = true;
    try {
      await this.recheckLocked();
      // No event names a non-UTF-8 file of a polled folder (polling stats the names chokidar has, with U+FFFD).
      const w = this.watcher;
      if (w && this.listing) this.escaped.tick(w, this.listing);
      // Nor does any event name a link that leads nowhere (polling stats the names chokidar has, and it drops them).
      if (w && this.listing && this.polled && this.readyWatcher === w) await this.sweepLinks(w, this.listing);
      const found = await folderOnDisk(this.dir);
      if (this.closed) return;
      const st = 'st' in found ? found.st : null;
      if (st && this.watcher && st.ino === this.ino && !this.replaced) return;
      await this.closeWatcher();
      if (!('st' in found)) return this.setMissing(`Watched folder ${this.dir} is unavailable: ${found.why}`);
      const outDir = this.options.outDir && (await realPathSoFar(this.options.outDir));
      if (this.closed) return;
      this.open(found.st.ino, found.real, outDir);
    } finally {
      this.checking = false;
    }
  }

  /** Reports again each locked file that can now be read, forgets those that are gone; reopens for a folder. */
  private async recheckLocked(): Promise<void> {
    const w = this.watcher;
    if (await this.locked.anyDirReadable()) this.replaced = true;
    await this.locked.recheckFiles(this.dir, (rel, st) => {
      if (w && this.watcher === w) this.on.file(rel, st.size, st.mtimeMs);
    });
  }

  /** Reports a complete file, remembering it when it cannot be read yet. */
  private report(rel: string, abs: string | Buffer, size: number, mtimeMs: number): void {
    this.on.file(rel, size, mtimeMs);
    this.locked.note(rel, abs, () => this.watcher !== null);
  }

  private setMissing(reason: string | null): void {
    if (reason === this.missing) return;
    this.missing = reason;
    this.on.availability(reason);
  }

  /**
   * Watches `dir`, the folder's real path: chokidar does not follow symbolic links, so a folder reached through one
   * (`~/Scans` linked to a share, `/tmp` on macOS) would be reported as one file and never watched inside. `outDir`
   * is the output folder's real path too, so that the outputs are still told apart.
   */
  private open(ino: number, dir: string, outDir: string | null): void {
    const seen = new Set<string>();
    const settling: Promise<void>[] = [];
    let ready = false;
    const at: ListedFolder = { dir, outDir };
    this.ino = ino;
    this.replaced = false;
    this.listing = at;
    const w = openChokidar({
      dir,
      outDir,
      recursive: this.options.recursive,
      polled: this.polled,
      stabilityMs: this.stabilityMs,
      matches: this.matches,
    });
    this.watcher = w;
    this.escaped.opened(w, at);
    const rel = (p: string) => path.relative(dir, p);
    w.on('add', (p, s) => this.onFile(rel(p), p, s, ready ? null : settling, seen));
    w.on('change', (p, s) => this.onFile(rel(p), p, s, null, seen));
    w.on('unlink', (p) => {
      this.locked.forget(rel(p));
      if (this.watcher === w) this.on.gone(rel(p));
      // chokidar reports the files of a folder it can no longer read as deleted, and drops it.
      void this.locked.noteDir(path.dirname(p), () => this.watcher === w);
    });
    w.on('unlinkDir', (p) => {
      if (p === dir) void this.check();
      else void this.locked.noteDir(p, () => this.watcher === w);
    });
    // The folder's own deletion or move reaches its fs.watch as a `rename` of its own name. A folder made again at
    // once can get the same inode number (ext4 hands it out again), which the inode check cannot tell apart, and the
    // old watch hears nothing from the new folder.
    w.on('raw', (event, p, details) => {
      const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
      // A name that is not UTF-8 reaches fs.watch with U+FFFD in it, and chokidar finds no such file: list it.
      if (this.watcher === w && p.includes('\uFFFD')) void this.escaped.relist(w, at);
      if (this.watcher === w && event === 'rename' && watched) void this.onRenamed(w, watched, p, outDir);
      if (this.watcher !== w || event !== 'rename' || watched !== dir || p !== path.basename(dir)) return;
      this.replaced = true;
      void this.check();
    });
    w.on('error', (err) => {
      const e = err instanceof Error ? err : new Error(String(err));
      const code = (e as NodeJS.ErrnoException).code ?? '';
      if (this.watcher !== w) return;
      if (this.polled || !WATCH_LIMIT_CODES.has(code)) return this.on.error(e);
      // Without change events the folder would look empty of news forever: poll it instead, and say so.
      this.polled = true;
      this.on.polling(pollingMessage(dir, code, e.message));
      void this.closeWatcher().then(() => this.check());
    });
    w.on('ready', () => {
      ready = true;
      void Promise.all(settling).then(() => this.afterReady(w, at, seen));
    });
  }

  /**
   * The initial scan's files have settled: the folder is listed once more, since chokidar lists it before it starts
   * watching it and a file written in between gets no event; then `ready` is reported.
   */
  private async afterReady(w: FSWatcher, at: ListedFolder, seen: Set<string>): Promise<void> {
    if (this.watcher !== w) return;
    this.setMissing(null);
    const notes: FolderNotes = { escapedDirs: [], unreadableDirs: [] };
    const listed = await listFolder(at.dir, { ...this.options, outDir: at.outDir }, notes).catch(() => []);
    if (this.watcher !== w) return;
    this.locked.addDirs(notes.unreadableDirs);
    const unseen = listed.filter((r) => !seen.has(r));
    const late = await settledFiles(at.dir, unseen, this.stabilityMs);
    if (this.watcher !== w) return;
    for (const f of late) {
      seen.add(f.rel);
      if (!this.escaped.claim(f.rel, f.size, f.mtimeMs)) continue; // a listing already reported it
      const abs = await inputPath(at.dir, f.rel);
      this.report(f.rel, abs, f.size, f.mtimeMs);
      // chokidar drops a link that leads nowhere, so this listing is what found it: its removal is reported too.
      await this.brokenLinks.listed(f.rel, abs);
    }
    this.readyWatcher = w;
    this.on.ready(seen);
    if (this.polled) this.escaped.listOnTimer();
    // Sub-folders chokidar cannot watch get their own watches (and a listing once those are set up).
    if (notes.escapedDirs.length > 0 && this.watcher === w) void this.escaped.relist(w, at);
  }

  /** A file event; files from the initial scan first wait until they stop changing. */
  private onFile(
    rel: string,
    abs: string,
    s: Stats | undefined,
    settling: Promise<void>[] | null,
    seen: Set<string>,
  ) {
    const w = this.watcher;
    seen.add(rel);
    if (!settling) {
      if (s) this.report(rel, abs, s.size, s.mtimeMs);
      return;
    }
    settling.push(
      settle(abs, this.stabilityMs).then(async (present) => {
        if (!present || this.watcher !== w) return;
        const st = await stat(abs).catch(() => null);
        if (st && this.watcher === w) this.report(rel, abs, st.size, st.mtimeMs);
      }),
    );
  }

  /** A name made or removed in a watched folder: an input by its name may be a broken symbolic link. */
  private async onRenamed(w: FSWatcher, watched: string, name: string, outDir: string | null): Promise<void> {
    const input = renamedInput(this.listing?.dir ?? this.dir, watched, name, this.matches, outDir);
    if (input) return this.brokenLinks.renamed(input.rel, input.abs, this.linkReports(w));
  }

  /** Lists a polled folder for the broken links in it, new and removed. */
  private async sweepLinks(w: FSWatcher, at: ListedFolder): Promise<void> {
    const notes: FolderNotes = { escapedDirs: [], unreadableDirs: [], links: [] };
    const listed = await listFolder(at.dir, { ...this.options, outDir: at.outDir }, notes).catch(() => null);
    if (listed && this.watcher === w)
      await this.brokenLinks.sweep(at.dir, notes.links ?? [], this.linkReports(w));
  }

  /** Where watcher `w`'s broken links are reported. */
  private linkReports(w: FSWatcher): BrokenLinkReports {
    return {
      current: () => this.watcher === w,
      report: (r, a, size, mtimeMs) => this.report(r, a, size, mtimeMs),
      gone: (r) => this.on.gone(r),
    };
  }

  private async closeWatcher(): Promise<void> {
    const w = this.watcher;
    this.watcher = null;
    this.locked.clear(); // a reopened watcher reports every file again
    this.brokenLinks.clear();
    this.readyWatcher = null;
    this.escaped.clear();
    this.ino = null;
    if (w) await w.close().catch(() => undefined); // it is dropped either way; nothing to undo
  }
}
