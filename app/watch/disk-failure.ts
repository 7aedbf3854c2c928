/** Tells a failure of the disk under a database from a refusal with its own reason (in use, newer schema). */

/** SQLite's words when the file system failed it: a full disk reads as one of these, never as "disk full" alone. */
const SQLITE_DISK = /^(disk I\/O error|database or disk is full|Could not open the database\b)/;

/** Node's codes for a disk that is full, over quota or failing. */
const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS']);

/** Whether `err` came from the disk itself, so that its free space is worth saying beside it. */
export function isDiskFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  return (code !== undefined && DISK_CODES.has(code)) || SQLITE_DISK.test(err.message);
}
