/**
 * Reading an input image for the ledger through the one input reader (read-input-path.ts): only regular files are
 * read, and only ones inside the watched folder.
 */
import type { Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LanternError } from '../contracts/errors';
import { inputFileError, readInput } from '../files/read-input-path';

/** An input file as read. */
export interface ReadFile {
  readonly bytes: Uint8Array;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Maps a file-system error to a LanternError (FILE_NOT_FOUND: deleted before it was read, or FILE_UNREADABLE). */
export function fileError(file: string, err: unknown): LanternError {
  if (!(err instanceof LanternError) && (err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    return new LanternError('FILE_NOT_FOUND', `the file was deleted before it was read: ${file}`);
  return inputFileError(file, err);
}

/**
 * Reads the regular file at `at` (a Buffer for a name that is not UTF-8; `file` names it in errors) with its size and
 * mtime at read time. With `root` (the watched folder), a file whose real path lies outside it (reached through a
 * symbolic link) is refused: the descriptor read is checked to be the file at the real path inside `root`.
 */
export async function readInputFile(
  at: string | Buffer,
  root?: string,
  file = String(at),
): Promise<ReadFile> {
  try {
    const opened = root === undefined ? undefined : (st: Stats) => assertInside(at, file, root, st);
    const { bytes, st } = await readInput(at, 'files', { file, ...(opened ? { opened } : {}) });
    return {
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      size: st.size,
      mtimeMs: st.mtimeMs,
    };
  } catch (err) {
    throw (await danglingLink(at, file)) ?? fileError(file, err);
  }
}

/** FILE_NOT_FOUND naming where `at` points when it is a symbolic link to a file that does not exist, else null. */
async function danglingLink(at: string | Buffer, file: string): Promise<LanternError | null> {
  const [st, target] = await Promise.all([lstat(at).catch(() => null), readlink(at).catch(() => null)]);
  if (
    !st?.isSymbolicLink() ||
    target === null ||
    (await stat(at).then(
      () => true,
      (e: NodeJS.ErrnoException) => e.code !== 'ENOENT',
    ))
  )
    return null;
  return new LanternError(
    'FILE_NOT_FOUND',
    `cannot read ${file}: a symbolic link to a file that does not exist (${target})`,
  );
}

/**
 * Throws FILE_UNREADABLE unless the file opened (`opened`) is the one at `at`'s real path, inside `root`'s. The
 * paths are compared as bytes (Latin-1 maps each byte to one character), so names that are not UTF-8 compare too.
 */
async function assertInside(at: string | Buffer, file: string, root: string, opened: Stats): Promise<void> {
  const [real, realRoot] = await Promise.all([
    realpath(at, { encoding: 'buffer' }),
    realpath(root, { encoding: 'buffer' }),
  ]);
  const rel = path.relative(realRoot.toString('latin1'), real.toString('latin1'));
  const inside = rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  const st = inside ? await stat(real) : undefined;
  if (!st || st.ino !== opened.ino || st.dev !== opened.dev)
    throw new LanternError(
      'FILE_UNREADABLE',
      `cannot read ${file}: a symbolic link to outside the watched folder (not followed)`,
    );
}

/**
 * Waits until a file has stopped changing: its size and mtime unchanged for `stableMs` (files found at start-up
 * or by a batch scan; chokidar's awaitWriteFinish covers the ones it reports later). Resolves false if it vanished.
 */
export async function settle(file: string | Buffer, stableMs: number, pollMs = 100): Promise<boolean> {
  let prev: { size: number; mtimeMs: number } | null = null;
  let stableSince = Date.now();
  for (;;) {
    let st;
    try {
      st = await stat(file);
    } catch {
      return false;
    }
    if (!prev) {
      if (Date.now() - st.mtimeMs >= stableMs) return true;
      prev = st;
    } else if (st.size !== prev.size || st.mtimeMs !== prev.mtimeMs) {
      prev = st;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= stableMs) return true;
    await sleep(pollMs);
  }
}

/** How recently a file must have been written for a failed read of it to wait for a writer that only paused. */
export const RECENT_WRITE_MS = 10_000;

/**
 * Whether a file read as `was` is written to again within `windowMs` (size or mtime moved): a writer that paused
 * longer than the settling time is still at work, so a failed read of it says nothing about the finished file. Only
 * a file written within RECENT_WRITE_MS is watched; an old bad file fails at once.
 */
export async function writtenAgain(
  file: string | Buffer,
  was: Pick<ReadFile, 'size' | 'mtimeMs'>,
  windowMs: number,
  pollMs = 100,
): Promise<boolean> {
  if (Date.now() - was.mtimeMs > RECENT_WRITE_MS) return false;
  const end = Date.now() + windowMs;
  for (;;) {
    const now = await stat(file).catch(() => null); // a file gone meanwhile is not one being written
    if (!now) return false;
    if (now.size !== was.size || now.mtimeMs !== was.mtimeMs) return true;
    if (Date.now() >= end) return false;
    await sleep(pollMs);
  }
}
