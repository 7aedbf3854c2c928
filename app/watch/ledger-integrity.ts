/**
 * Whether a ledger file can be read through: SQLite reads a page only when a statement needs it, so a file whose first
 * page is intact opens and fails later, from whichever statement reaches the damage first.
 */
import { LedgerDamage } from './ledger-damage';
import type { SqlDb } from './sqlite';

/**
 * Reads every page of the file once (`PRAGMA quick_check`) so damage is found at open, where the file can still be set
 * aside, and not by a statement while the ledger is in use; throws LedgerDamage with the first finding.
 */
export function assertReadable(db: SqlDb): void {
  // One finding is enough to know, and keeps a badly damaged file's check (and its notice) short.
  const found = db.all('PRAGMA quick_check(1)').map((r) => String(Object.values(r)[0]));
  if (found.length === 1 && found[0] === 'ok') return;
  // The finding comes after a "*** in database main ***" line: only the finding says something.
  const first = found
    .join('\n')
    .split('\n')
    .find((l) => l !== '' && !l.startsWith('***'));
  throw new LedgerDamage(
    db.file,
    `database disk image is malformed: ${first ?? 'quick_check gave no answer'}`,
  );
}
