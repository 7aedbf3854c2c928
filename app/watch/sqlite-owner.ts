/**
 * Which process owns a database file: `<file>.owner` holds its pid (owner-file.ts). The wasm VFS locks with a
 * `<file>.lock` directory, which a killed process leaves behind; the owner file tells a stale lock from a live one.
 */
import { rmSync } from 'node:fs';
import { claimOwnerFile, type Ownership } from '../os/owner-file';
import { LedgerRefusal } from './ledger-refusal';

export type { Ownership } from '../os/owner-file';

/** Claims `file` for this process, clearing what a dead owner left; throws when a live process owns it. */
export function claimOwnership(file: string): Ownership {
  const claim = claimOwnerFile(`${file}.owner`);
  if (!claim.claimed)
    throw new LedgerRefusal(
      file,
      claim.pid > 0
        ? `is in use by process ${claim.pid}; one process at a time can open it`
        : 'is being claimed by another process; try again',
    );
  rmSync(`${file}.lock`, { recursive: true, force: true });
  return claim.ownership;
}
