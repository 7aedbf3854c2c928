/**
 * The system's file-watch limits (EMFILE: inotify instances or open files; ENOSPC: inotify watches): when one is
 * reached a watched folder is polled instead of going deaf, and the user is told why.
 */

/** Error codes of `fs.watch` that mean a system limit, not a problem of the folder: polling still works. */
export const WATCH_LIMIT_CODES: ReadonlySet<string> = new Set(['EMFILE', 'ENFILE', 'ENOSPC']);

/** How often a polled folder's entries are stat'ed (ms). */
export const POLL_INTERVAL_MS = 1000;

/** The notice for a folder polled from now on, so the user knows why its files arrive more slowly. */
export const pollingMessage = (dir: string, code: string, message: string) =>
  `Watched folder ${dir}: the system's file-watch limit is reached (${code}: ${message}); polling it every ${POLL_INTERVAL_MS / 1000} s instead`;
