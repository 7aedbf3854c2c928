/** A ledger file refused (in use, from a newer build), with the reason apart from the file's name. */

/**
 * Why a ledger file cannot be opened, kept apart from its name so that a caller that names the file itself (serve's
 * "cannot open the watch ledger <file>") does not name it twice.
 */
export class LedgerRefusal extends Error {
  constructor(
    readonly file: string,
    /** What is wrong with the file, as said after its name: "is in use by process 7; …". */
    readonly why: string,
  ) {
    super(`the ledger ${file} ${why}`);
  }
}
