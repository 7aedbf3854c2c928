/**
 * Watches one folder with chokidar: reports complete files (awaitWriteFinish, and a settle wait for the files
 * found at start-up), deletions, the end of the initial scan, and the folder itself disappearing and coming back.
 * When the system's file-watch limits are reached (EMFILE: inotify instances or open files; ENOSPC: inotify
 * watches) it says so and polls the folder instead of going deaf. A file reported without read permission is
 * checked again on the folder's timer and reported once more when it can be read: no watch event says so (a file
 * that cannot be read cannot be watched either).
 */
import { watch, type FSWatcher } from 'chokidar';
import { constants, type Stats } from 'node:fs';
import { access, lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { WatchOptions } from '../contracts/lantern-api';
import { EscapedFolderWatches } from './escaped-folders';
import { inputPath, nameBytes } from './file-names';
import { realPathSoFar } from './output-folder';
import { isHiddenName, nameMatcher } from './patterns';
import { settle } from './read-file';
import { brokenLink, listFolder, settledFiles, type FolderNotes } from './scan';

/** What a FolderWatcher reports. */
export interface FolderWatcherHandlers {
  /** A file was added or changed and has stopped changing. */
  file(rel: string, size: number, mtimeMs: number): void;
  /** A file was deleted or moved away. */
  gone(rel: string): void;
  /** The initial scan is complete; `seen` holds every file present (also after the folder came back). */
  ready(seen: ReadonlySet<string>): void;
  /** The folder is missing (with the reason) or available again (null). */
  availability(reason: string | null): void;
  /** A watcher error that does not stop watching. */
  error(err: Error): void;
  /** Change events could not be had (a system limit): the folder is polled from now on; `message` says why. */
  polling(message: string): void;
}

/** Error codes of `fs.watch` that mean a system limit, not a problem of the folder: polling still works. */
export const WATCH_LIMIT_CODES: ReadonlySet<string> = new Set(['EMFILE', 'ENFILE', 'ENOSPC']);

/** How often a polled folder's entries are stat'ed (ms). */
const POLL_INTERVAL_MS = 1000;

/** Timings (tests shorten them). */
export interface FolderWatcherTimings {
  /** A file is complete when its size has not changed for this long (ms). */
  readonly stabilityMs?: number;
  /** How often the folder's existence is checked (ms). */
  readonly pollMs?: number;
}

/** How deep a recursive watch goes (symbolic links are never followed, so there are no loops; this is a guard). */
const MAX_DEPTH = 64;

/** Whether `p` is `dir` or inside it. */
export const isInside = (p: string, dir: string) => {
  const r = path.relative(dir, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
};

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
  /** Folders (real paths) that could not be read: chokidar dropped them, so the watcher reopens once they can be. */
  private readonly lockedDirs = new Set<string>();
  /** Symbolic links that lead to no file, reported from raw events (chokidar never reports them), by relative path. */
  private readonly brokenLinks = new Set<string>();
  /** Files reported while they could not be read, by path relative to the folder. */
  private readonly locked = new Set<string>();
  /**
   * Files whose names are not UTF-8 now reported, by text form, with the size and mtime reported (a listing reports
   * only the new and changed ones): chokidar cannot see them, listings do.
   */
  private readonly escaped = new Map<string, string>();
  /** Watches of the sub-folders whose paths are not UTF-8, which chokidar cannot watch. */
  private escapedDirs: EscapedFolderWatches | null = null;
  /** List the folder for non-UTF-8 names on every timer tick: it is polled, or such a sub-folder has no watch. */
  private relistOnTimer = false;
  /** The real paths the open watcher lists. */
  private listing: { readonly dir: string; readonly outDir: string | null } | null = null;
  private relisting = false;
  private relistAgain = false;
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
      if (w && this.relistOnTimer && this.listing)
        void this.relistEscaped(w, this.listing.dir, this.listing.outDir);
      let st: Stats | null = null;
      let real = this.dir;
      let why = '';
      try {
        st = await stat(this.dir);
        if (!st.isDirectory()) {
          why = 'not a folder';
          st = null;
        } else if (!(await readableDir(this.dir))) {
          // A folder that cannot be listed would be scanned as empty, and every file in it taken as deleted.
          why = 'permission denied';
          st = null;
        } else real = await realpath(this.dir);
      } catch (err) {
        why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder not found' : (err as Error).message;
        st = null;
      }
      if (this.closed) return;
      if (st && this.watcher && st.ino === this.ino && !this.replaced) return;
      await this.closeWatcher();
      if (!st) return this.setMissing(`Watched folder ${this.dir} is unavailable: ${why}`);
      const outDir = this.options.outDir && (await realPathSoFar(this.options.outDir));
      if (this.closed) return;
      this.open(st.ino, real, outDir);
    } finally {
      this.checking = false;
    }
  }

  /** Reports again each locked file that can now be read, forgets those that are gone; reopens for a folder. */
  private async recheckLocked(): Promise<void> {
    const w = this.watcher;
    for (const d of this.lockedDirs)
      if (await readableDir(d)) {
        this.replaced = true;
        break;
      }
    for (const rel of [...this.locked]) {
      const abs = await inputPath(this.dir, rel);
      if (!(await readable(abs))) continue;
      this.locked.delete(rel);
      const st = await stat(abs).catch(() => null);
      if (st?.isFile() && w && this.watcher === w) this.on.file(rel, st.size, st.mtimeMs);
    }
  }

  /** Reports a complete file, remembering it when it cannot be read yet. */
  private report(rel: string, abs: string | Buffer, size: number, mtimeMs: number): void {
    this.on.file(rel, size, mtimeMs);
    void readable(abs).then((ok) => {
      if (ok) this.locked.delete(rel);
      else if (this.watcher) this.locked.add(rel);
    });
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
    const { recursive } = this.options;
    const seen = new Set<string>();
    const settling: Promise<void>[] = [];
    let ready = false;
    this.ino = ino;
    this.replaced = false;
    this.relistOnTimer = false; // from `ready` on, when polled: the first listing is the one below
    this.listing = { dir, outDir };
    const w = watch(dir, {
      ignoreInitial: false,
      followSymlinks: false,
      depth: recursive ? MAX_DEPTH : 0,
      alwaysStat: true,
      // Report files without read permission too (chokidar drops them silently otherwise): they are recorded as
      // FILE_UNREADABLE when read.
      ignorePermissionErrors: true,
      usePolling: this.polled,
      interval: POLL_INTERVAL_MS,
      binaryInterval: POLL_INTERVAL_MS,
      awaitWriteFinish: { stabilityThreshold: this.stabilityMs, pollInterval: 100 },
      ignored: (p: string, s?: Stats) => {
        if (p === dir) return false;
        if (isHiddenName(path.basename(p)) || (outDir && isInside(p, outDir))) return true;
        if (!s) return false;
        if (s.isDirectory()) return !recursive;
        return !this.matches(path.basename(p));
      },
    });
    this.watcher = w;
    this.escapedDirs = new EscapedFolderWatches(dir, () => {
      if (this.watcher === w) void this.relistEscaped(w, dir, outDir);
    });
    const rel = (p: string) => path.relative(dir, p);
    w.on('add', (p, s) => this.onFile(rel(p), p, s, ready ? null : settling, seen));
    w.on('change', (p, s) => this.onFile(rel(p), p, s, null, seen));
    w.on('unlink', (p) => {
      this.locked.delete(rel(p));
      if (this.watcher === w) this.on.gone(rel(p));
      // chokidar reports the files of a folder it can no longer read as deleted, and drops it.
      void this.noteLockedDir(w, path.dirname(p));
    });
    w.on('unlinkDir', (p) => {
      if (p === dir) void this.check();
      else void this.noteLockedDir(w, p);
    });
    // The folder's own deletion or move reaches its fs.watch as a `rename` of its own name. A folder made again at
    // once can get the same inode number (ext4 hands it out again), which the inode check cannot tell apart, and the
    // old watch hears nothing from the new folder.
    w.on('raw', (event, p, details) => {
      const watched = (details as { watchedPath?: string } | undefined)?.watchedPath;
      // A name that is not UTF-8 reaches fs.watch with U+FFFD in it, and chokidar finds no such file: list it.
      if (this.watcher === w && p.includes('\uFFFD')) void this.relistEscaped(w, dir, outDir);
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
      this.on.polling(
        `Watched folder ${dir}: the system's file-watch limit is reached (${code}: ${e.message}); polling it every ${POLL_INTERVAL_MS / 1000} s instead`,
      );
      void this.closeWatcher().then(() => this.check());
    });
    w.on('ready', () => {
      ready = true;
      void Promise.all(settling).then(async () => {
        if (this.watcher !== w) return;
        this.setMissing(null);
        // chokidar lists the folder before it starts watching it: a file written in between gets no event, so the
        // folder is listed once more now that it is watched.
        const notes: FolderNotes = { escapedDirs: [], unreadableDirs: [] };
        const listed = await listFolder(dir, { ...this.options, outDir }, notes).catch(() => []);
        if (this.watcher !== w) return;
        for (const d of notes.unreadableDirs) this.lockedDirs.add(d);
        const unseen = listed.filter((r) => !seen.has(r));
        const late = await settledFiles(dir, unseen, this.stabilityMs);
        if (this.watcher !== w) return;
        for (const f of late) {
          seen.add(f.rel);
          const key = `${f.size}:${f.mtimeMs}`;
          if (nameBytes(f.rel) && this.escaped.get(f.rel) === key) continue; // a listing already reported it
          if (nameBytes(f.rel)) this.escaped.set(f.rel, key);
          this.report(f.rel, await inputPath(dir, f.rel), f.size, f.mtimeMs);
        }
        this.on.ready(seen);
        if (this.polled) this.relistOnTimer = true;
        // Sub-folders chokidar cannot watch get their own watches (and a listing once those are set up).
        if (notes.escapedDirs.length > 0 && this.watcher === w) void this.relistEscaped(w, dir, outDir);
      });
    });
  }

  /**
   * Lists the folder again for the files whose names are not UTF-8 (no chokidar event names them): new or changed
   * ones are reported once settled, ones no longer there as gone, and the sub-folders so named are watched. Calls
   * while a listing runs make it run once more, as does a sub-folder watched for the first time (a file dropped in
   * it before its watch began).
   */
  private async relistEscaped(w: FSWatcher, dir: string, outDir: string | null): Promise<void> {
    if (this.relisting) return void (this.relistAgain = true);
    this.relisting = true;
    try {
      do {
        this.relistAgain = false;
        const notes: FolderNotes = { escapedDirs: [], unreadableDirs: [] };
        const listed = await listFolder(dir, { ...this.options, outDir }, notes).catch(() => null);
        if (!listed || this.watcher !== w) return;
        for (const d of notes.unreadableDirs) this.lockedDirs.add(d);
        if (!this.polled && this.escapedDirs) {
          const synced = this.escapedDirs.sync(notes.escapedDirs);
          if (synced.failed) this.relistOnTimer = true;
          if (synced.added > 0) this.relistAgain = true;
        }
        const now = listed.filter((rel) => nameBytes(rel) !== null);
        const present = new Set(now);
        for (const rel of [...this.escaped.keys()])
          if (!present.has(rel)) {
            this.escaped.delete(rel);
            this.locked.delete(rel);
            this.on.gone(rel);
          }
        for (const f of await settledFiles(dir, now, this.stabilityMs)) {
          if (this.watcher !== w) return;
          const seen = `${f.size}:${f.mtimeMs}`;
          if (this.escaped.get(f.rel) === seen) continue;
          this.escaped.set(f.rel, seen);
          this.report(f.rel, await inputPath(dir, f.rel), f.size, f.mtimeMs);
        }
      } while (this.relistAgain);
    } finally {
      this.relisting = false;
    }
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

  /**
   * A name made or removed in a watched folder: a symbolic link that leads to no file (a loop, a link to a file that
   * does not exist) is reported, to fail with its reason when read, since chokidar cannot stat it and drops it without
   * a word; such a link removed is reported gone.
   */
  private async onRenamed(w: FSWatcher, watched: string, name: string, outDir: string | null): Promise<void> {
    const abs = path.join(watched, name);
    const rel = path.relative(this.listing?.dir ?? this.dir, abs);
    if (
      rel.startsWith('..') ||
      isHiddenName(name) ||
      !this.matches(name) ||
      (outDir && isInside(abs, outDir))
    )
      return;
    const link = await brokenLink(rel, abs);
    if (this.watcher !== w) return;
    if (link) {
      this.brokenLinks.add(rel);
      return this.report(rel, abs, link.size, link.mtimeMs);
    }
    const gone = !(await lstat(abs).then(
      () => true,
      () => false,
    ));
    if (gone && this.brokenLinks.delete(rel) && this.watcher === w) this.on.gone(rel);
  }

  /** Remembers `d` when it is a folder this process cannot read (not one that is gone). */
  private async noteLockedDir(w: FSWatcher, d: string): Promise<void> {
    const st = await stat(d).catch(() => null);
    if (st?.isDirectory() && !(await readableDir(d)) && this.watcher === w) this.lockedDirs.add(d);
  }

  private async closeWatcher(): Promise<void> {
    const w = this.watcher;
    this.watcher = null;
    this.locked.clear(); // a reopened watcher reports every file again
    this.brokenLinks.clear();
    this.escaped.clear();
    this.lockedDirs.clear(); // the reopened watcher's listing finds the ones still locked
    this.escapedDirs?.close();
    this.escapedDirs = null;
    this.ino = null;
    if (w) await w.close().catch(() => undefined); // it is dropped either way; nothing to undo
  }
}

/** Whether this process may list folder `d` and reach what is in it. */
const readableDir = (d: string) =>
  access(d, constants.R_OK | constants.X_OK).then(
    () => true,
    () => false,
  );

/** Whether this process may read `file`. */
const readable = (file: string | Buffer) =>
  access(file, constants.R_OK).then(
    () => true,
    () => false,
  );
