/** Reading an input image for the ledger: one open, its stat and bytes together, errors mapped to codes. */
import { open, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { LanternError } from '../contracts/errors';

/** Largest input file read, in bytes (bigger ones fail with IMAGE_TOO_LARGE instead of filling memory). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** An input file as read. */
export interface ReadFile {
  readonly bytes: Uint8Array;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Maps a file-system error to a LanternError (FILE_NOT_FOUND or FILE_UNREADABLE). */
export function fileError(file: string, err: unknown): LanternError {
  if (err instanceof LanternError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT')
    return new LanternError('FILE_NOT_FOUND', `the file was deleted before it was read: ${file}`);
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ELOOP'
        ? 'symbolic link loop'
        : code === 'EISDIR'
          ? 'it is a directory'
          : code === 'ENAMETOOLONG'
            ? 'the path is too long'
            : (code ?? String(err));
  return new LanternError('FILE_UNREADABLE', `cannot read ${file}: ${why}`);
}

/** Reads a regular file with its size and mtime at read time. */
export async function readInputFile(file: string): Promise<ReadFile> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw fileError(file, err);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new LanternError('FILE_UNREADABLE', `cannot read ${file}: not a regular file`);
    if (st.size > MAX_FILE_BYTES)
      throw new LanternError('IMAGE_TOO_LARGE', `the file is larger than ${MAX_FILE_BYTES} bytes`);
    const bytes = await handle.readFile();
    return {
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length),
      size: st.size,
      mtimeMs: st.mtimeMs,
    };
  } catch (err) {
    throw fileError(file, err);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Waits until a file has stopped changing: its size and mtime unchanged for `stableMs` (files found at start-up
 * or by a batch scan; chokidar's awaitWriteFinish covers the ones it reports later). Resolves false if it vanished.
 */
export async function settle(file: string, stableMs: number, pollMs = 100): Promise<boolean> {
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
