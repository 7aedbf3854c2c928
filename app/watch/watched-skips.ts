/**
 * The watched folders a batch leaves to their watch: a batch over `~/Scans` while `~/Scans/inbox` is watched reads the
 * rest of `~/Scans`, but not the files the watch already reads as they arrive, which would be recognised twice and
 * written twice.
 */
import path from 'node:path';
import type { BatchSkipNotice, WatchOptions } from '../contracts/lantern-api';
import { foldersRead } from './folder-overlap';
import type { FolderRow } from './ledger';
import { realPathSoFar } from './output-folder';

/** A watched folder met by a batch: its path under the batch's folder, and whether its sub-folders are its own too. */
export interface WatchedSkip {
  readonly dir: string;
  readonly recursive: boolean;
}

/** Most folders named in the message (all of them are in `dirs`). */
const NAMED = 5;

/** The enabled watched folders a batch of `dir` would read, other than `dir` itself, as paths under `dir`. */
export async function watchedSkips(
  dir: string,
  opts: WatchOptions,
  watched: readonly FolderRow[],
): Promise<WatchedSkip[]> {
  const read = await foldersRead(
    dir,
    opts,
    watched.filter((f) => f.enabled),
  );
  const mine = await realPathSoFar(dir);
  const skips: WatchedSkip[] = [];
  for (const f of read) {
    const rel = path.relative(mine, await realPathSoFar(f.dir));
    if (rel !== '') skips.push({ dir: path.join(dir, rel), recursive: f.options.recursive });
  }
  return skips.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

/** A FOLDERS_WATCHED notice naming the watched folders a batch left out, or undefined when there are none. */
export function watchedNotice(skips: readonly WatchedSkip[]): BatchSkipNotice | undefined {
  if (skips.length === 0) return undefined;
  const dirs = skips.map((s) => s.dir);
  const more = dirs.length > NAMED ? ` and ${dirs.length - NAMED} more` : '';
  const what =
    dirs.length === 1
      ? 'a watched folder, whose files its watch reads'
      : `${dirs.length} watched folders, whose files their watches read`;
  return {
    code: 'FOLDERS_WATCHED',
    message: `skipped ${what} as they arrive: ${dirs.slice(0, NAMED).join(', ')}${more}`,
    dirs,
  };
}
