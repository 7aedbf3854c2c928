/**
 * A ledger file SQLite cannot read through (SQLITE_CORRUPT, SQLITE_NOTADB): coded and naming the file, since SQLite's
 * own words ("database disk image is malformed") name neither, and an operator has to know which file to set aside.
 */

/** SQLite's words for SQLITE_NOTADB and SQLITE_CORRUPT, the errors that mean the file itself is unreadable. */
const UNREADABLE = /^(file is not a database|database disk image is malformed)\b/;

/** Damage found in the ledger at `file`; `why` is SQLite's own words (and what quick_check found). */
export class LedgerDamage extends Error {
  readonly code = 'LEDGER_DAMAGED';

  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`the ledger ${file} is damaged (${why})`);
  }
}

/** Whether `err` says the database file itself is damaged (not busy, full or refused). */
export function isUnreadable(err: unknown): boolean {
  return err instanceof LedgerDamage || (err instanceof Error && UNREADABLE.test(err.message));
}

/** What SQLite said of an unreadable file, without the file's name (for a sentence that names it itself). */
export function unreadableWhy(err: unknown): string {
  return err instanceof LedgerDamage ? err.why : (err as Error).message;
}
