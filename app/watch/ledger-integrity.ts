/**
 * Whether a ledger file can be read through: SQLite reads a page only when a statement needs it, so a file whose first
 * page is intact opens and fails later, from whichever statement reaches the damage first.
 */
import type { SqlDb } from './sqlite';

/** SQLite's words for SQLITE_NOTADB and SQLITE_CORRUPT, the errors that mean the file itself is unreadable. */
const UNREADABLE = /^(file is not a database|database disk image is malformed)\b/;

/** Whether `err` says the database file itself is damaged (not busy, full or refused). */
export function isUnreadable(err: unknown): boolean {
  return err instanceof Error && UNREADABLE.test(err.message);
}

/**
 * Reads every page of the file once (`PRAGMA quick_check`) so damage is found at open, where the file can still be set
 * aside, and not by a statement while the ledger is in use; throws SQLite's SQLITE_CORRUPT words with its first finding.
 */
export function assertReadable(db: SqlDb): void {
  const found = db.all('PRAGMA quick_check').map((r) => String(Object.values(r)[0]));
  if (found.length === 1 && found[0] === 'ok') return;
  throw new Error(`database disk image is malformed (${found[0] ?? 'no answer from quick_check'})`);
}
