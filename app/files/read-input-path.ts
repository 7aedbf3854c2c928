/**
 * Reading an input named by a path (the CLI's arguments, an engine request by path, a document the window names by
 * path, a watched file): bounded, so a device or a pipe that never ends cannot take all memory, and with a coded error
 * that says what the path is when it is not a file.
 */
import { constants, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { LanternError } from '../contracts/errors';

/** Largest input read, in bytes: bigger ones fail IMAGE_TOO_LARGE instead of filling memory. */
export const MAX_INPUT_BYTES = 512 * 2 ** 20;

/**
 * What a path that is not a regular file may be: `streams` reads pipes and character devices to their end (the CLI:
 * `lantern <(curl …)` names a pipe), `files` refuses them at once (an engine request must never wait on a writer).
 */
export type NonFiles = 'streams' | 'files';

const FOLDER = 'a folder, not a file';

/** What a non-regular file is, for the error message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return FOLDER;
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Maps a file-system error on `file` to FILE_NOT_FOUND or FILE_UNREADABLE with the reason in words. */
export function inputFileError(file: string, err: unknown): LanternError {
  if (err instanceof LanternError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  // ENOTDIR: a part of the path is a file (`notes.txt/scan.pdf`), so there is no such file either.
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new LanternError('FILE_NOT_FOUND', `no such file: ${file}`);
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ELOOP'
        ? 'symbolic link loop'
        : code === 'EISDIR'
          ? FOLDER
          : code === 'ENAMETOOLONG'
            ? 'the path is too long'
            : code === 'ENXIO'
              ? 'not a regular file'
              : (code ?? String(err));
  return new LanternError('FILE_UNREADABLE', `cannot read ${file}: ${why}`);
}

/**
 * How a path input is read beyond what it is: its name in errors, its size limit with the code past it, and a check of
 * the opened file before its bytes are read (the watch's: it is the file inside the watched folder).
 */
export interface ReadInputOptions {
  readonly file?: string;
  readonly maxBytes?: number;
  readonly tooLarge?: 'IMAGE_TOO_LARGE' | 'PAYLOAD_TOO_LARGE';
  readonly opened?: (st: Stats) => Promise<void>;
}

/** An input as read, with the stat of the descriptor it was read from (its size and mtime at read time). */
export interface ReadInput {
  readonly bytes: Buffer;
  readonly st: Stats;
}

/** Bytes as MiB for messages ("300.0 MiB"). */
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

/** Reads a stream's descriptor to its end, refusing it once it passes the limit. */
async function readStream(handle: FileHandle, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // One buffer to read into, and a copy of what each read gave: a pipe gives a few KiB a read, and a view of a fresh
  // 1-MiB buffer per read would hold far more memory than the bytes read.
  const into = Buffer.allocUnsafe(1 << 20);
  let total = 0;
  for (;;) {
    const { bytesRead } = await handle.read(into, 0, into.length, null);
    if (bytesRead === 0) return Buffer.concat(chunks, total);
    total += bytesRead;
    if (total > maxBytes) throw tooLarge();
    chunks.push(Buffer.from(into.subarray(0, bytesRead)));
  }
}

/** Reads the input at `at`, as `nonFiles` says for what is not a regular file. */
export async function readInputPath(
  at: string,
  nonFiles: NonFiles,
  o: ReadInputOptions = {},
): Promise<Buffer> {
  return (await readInput(at, nonFiles, o)).bytes;
}

/**
 * Reads the input at `at` (a Buffer for a name that is not UTF-8) with the stat of the descriptor read: one open, then
 * that descriptor's own stat (not a stat of the path before it, which a swap could outrun).
 */
export async function readInput(
  at: string | Buffer,
  nonFiles: NonFiles,
  o: ReadInputOptions = {},
): Promise<ReadInput> {
  const { file = String(at), maxBytes = MAX_INPUT_BYTES } = o;
  const tooLarge = (size?: number) =>
    new LanternError(
      o.tooLarge ?? 'IMAGE_TOO_LARGE',
      `${file} is over the ${mib(maxBytes)} limit${size === undefined ? '' : ` (${size} bytes)`}`,
    );
  let handle: FileHandle;
  try {
    // Non-blocking where streams are refused: opening a FIFO then returns at once instead of waiting for a writer.
    const flags = constants.O_RDONLY | (nonFiles === 'files' ? (constants.O_NONBLOCK ?? 0) : 0);
    handle = await open(at, flags);
  } catch (err) {
    throw inputFileError(file, err);
  }
  try {
    const st = await handle.stat();
    if (st.isFile()) {
      await o.opened?.(st);
      if (st.size > maxBytes) throw tooLarge(st.size);
      return { bytes: await handle.readFile(), st };
    }
    if (nonFiles === 'streams' && (st.isFIFO() || st.isCharacterDevice()))
      return { bytes: await readStream(handle, maxBytes, tooLarge), st };
    throw new LanternError('FILE_UNREADABLE', `cannot read ${file}: ${kindOf(st)}`);
  } catch (err) {
    throw inputFileError(file, err);
  } finally {
    await handle.close().catch(() => undefined); // the bytes are read; a failed close loses nothing
  }
}
