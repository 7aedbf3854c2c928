/** What a FolderWatcher reports to its owner, and the timings it waits by. */

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

/** Timings (tests shorten them). */
export interface FolderWatcherTimings {
  /** A file is complete when its size has not changed for this long (ms). */
  readonly stabilityMs?: number;
  /** How often the folder's existence is checked (ms). */
  readonly pollMs?: number;
}
