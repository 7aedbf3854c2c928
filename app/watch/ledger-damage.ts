/**
 * A ledger file SQLite cannot read through (SQLITE_CORRUPT, SQLITE_NOTADB): coded and naming the file, since SQLite's
 * own words ("database disk image is malformed") name neither, and an operator has to know which file to set aside.
 */
import { LanternError } from '../contracts/errors';

/** SQLite's words for SQLITE_NOTADB and SQLITE_CORRUPT, the errors that mean the file itself is unreadable. */
const UNREADABLE = /^(file is not a database|database disk image is malformed)\b/;

/**
 * Damage found in the ledger at `file`; `finding` is SQLite's own words (and what quick_check found). A LanternError,
 * so every surface that reaches the ledger (History, the watch API, IPC) answers LEDGER_DAMAGED, not INTERNAL.
 */
export class LedgerDamage extends LanternError {
  constructor(
    readonly file: string,
    readonly finding: string,
  ) {
    super(
      'LEDGER_DAMAGED',
      `the ledger ${file} is damaged (${finding}); restart to set it aside and begin a new one`,
      {
        why: {
          code: finding.startsWith('file is not a database') ? 'SQLITE_NOTADB' : 'SQLITE_CORRUPT',
          message: finding,
        },
      },
    );
    this.name = 'LedgerDamage';
  }
}

/** Whether `err` says the database file itself is damaged (not busy, full or refused). */
export function isUnreadable(err: unknown): boolean {
  return err instanceof LedgerDamage || (err instanceof Error && UNREADABLE.test(err.message));
}

/** What SQLite said of an unreadable file, without the file's name (for a sentence that names it itself). */
export function unreadableWhy(err: unknown): string {
  return err instanceof LedgerDamage ? err.finding : (err as Error).message;
}
