/**
 * Opening the ledger when its file may be damaged (a crash mid-write, a full or failing disk, a bad copy): a file
 * SQLite cannot read would otherwise stop the app at every start. It is kept for the user under a new name and a new
 * ledger begun, with a notice saying so. A ledger that is merely busy or from a newer build is refused as before:
 * nothing is wrong with it.
 */
import { existsSync, renameSync } from 'node:fs';
import type { LedgerNotice } from '../contracts/lantern-api';
import { Ledger } from './ledger';
import { isUnreadable, unreadableWhy } from './ledger-damage';

/** The open ledger and, when the old file was set aside, the LEDGER_SET_ASIDE notice that says so (else null). */
export interface OpenedLedger {
  readonly ledger: Ledger;
  readonly notice: LedgerNotice | null;
}

/** The first free name for the kept file: `.corrupt`, then `.corrupt-2`, … so an earlier one is never replaced. */
function keptName(file: string): string {
  let name = `${file}.corrupt`;
  for (let i = 2; existsSync(name); i++) name = `${file}.corrupt-${i}`;
  return name;
}

/** Opens the ledger at `file`; one SQLite cannot read is renamed aside (with its WAL) and a new one begun. */
export function openLedgerSettingAside(file: string): OpenedLedger {
  try {
    return { ledger: Ledger.open(file), notice: null };
  } catch (err) {
    if (file === ':memory:' || !isUnreadable(err)) throw err;
    const kept = keptName(file);
    renameSync(file, kept);
    // The WAL and shared-memory files belong to the old file: a new database must not replay them.
    for (const suffix of ['-wal', '-shm', '-journal'])
      if (existsSync(file + suffix)) renameSync(file + suffix, kept + suffix);
    const ledger = Ledger.open(file);
    return {
      ledger,
      notice: {
        code: 'LEDGER_SET_ASIDE',
        message: `the ledger ${file} could not be read (${unreadableWhy(err)}); it was kept as ${kept} and a new one begun (history and watched folders start empty)`,
      },
    };
  }
}
