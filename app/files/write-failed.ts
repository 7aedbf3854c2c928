/** A write the system refused, as WRITE_FAILED naming the file and why: a full disk is the user's to fix, not a bug. */
import { LanternError } from '../contracts/errors';

/** The system's refusals in words a user acts on. */
const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EISDIR: 'a folder has that name',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'a file stands where a folder is needed',
  EIO: 'the disk failed to write',
  ENAMETOOLONG: 'the name is too long',
};

/** `err` as WRITE_FAILED when the system refused the write (it has a syscall and a code); any other error as it is. */
export function writeFailed(err: unknown, file: string): unknown {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.syscall !== 'string' || typeof e.code !== 'string') return err;
  const why = REASONS[e.code];
  return new LanternError(
    'WRITE_FAILED',
    `${file} cannot be written: ${why ? `${why} (${e.code})` : e.message}`,
  );
}
