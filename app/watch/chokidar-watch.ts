/** The chokidar watcher of one folder, with the options that make it see what the watch layer needs. */
import { watch, type FSWatcher } from 'chokidar';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { isInside } from './is-inside';
import { isHiddenName } from './patterns';
import { POLL_INTERVAL_MS } from './watch-limits';

/** How deep a recursive watch goes (symbolic links are never followed, so there are no loops; this is a guard). */
const MAX_DEPTH = 64;

/** What a folder's chokidar watcher watches and how. */
export interface ChokidarSetup {
  /** The folder's real path. */
  readonly dir: string;
  /** The output folder's real path, whose files are never inputs. */
  readonly outDir: string | null;
  readonly recursive: boolean;
  /** Poll instead of change events (a system file-watch limit is reached). */
  readonly polled: boolean;
  /** A file is complete when its size has not changed for this long (ms). */
  readonly stabilityMs: number;
  /** Whether a file name is one of the input patterns. */
  readonly matches: (name: string) => boolean;
}

/** Opens chokidar on one folder; chokidar reports the files already there first, as `add` events. */
export function openChokidar(s: ChokidarSetup): FSWatcher {
  const { dir, outDir, recursive } = s;
  return watch(dir, {
    ignoreInitial: false,
    followSymlinks: false,
    depth: recursive ? MAX_DEPTH : 0,
    alwaysStat: true,
    // Report files without read permission too (chokidar drops them silently otherwise): they are recorded as
    // FILE_UNREADABLE when read.
    ignorePermissionErrors: true,
    usePolling: s.polled,
    interval: POLL_INTERVAL_MS,
    binaryInterval: POLL_INTERVAL_MS,
    awaitWriteFinish: { stabilityThreshold: s.stabilityMs, pollInterval: 100 },
    ignored: (p: string, st?: Stats) => {
      if (p === dir) return false;
      if (isHiddenName(path.basename(p)) || (outDir && isInside(p, outDir))) return true;
      if (!st) return false;
      if (st.isDirectory()) return !recursive;
      return !s.matches(path.basename(p));
    },
  });
}
