/**
 * Which process owns a database file: `<file>.owner` holds its pid. The wasm VFS locks with a `<file>.lock`
 * directory, which a killed process leaves behind; the owner file tells a stale lock (owner dead) from a live one.
 */
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';

/** A claim on a database file, given up by release(). */
export interface Ownership {
  release(): void;
}

/** Whether a process with this pid exists (EPERM: it does, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(ownerFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(ownerFile, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Claims `file` for this process, clearing what a dead owner left; throws when a live process owns it. */
export function claimOwnership(file: string): Ownership {
  const ownerFile = `${file}.owner`;
  const mine = `${ownerFile}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(mine, ownerFile); // atomic, and fails when the file exists: never a half-written owner
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const pid = readOwner(ownerFile);
        if (pid !== undefined && alive(pid))
          throw new Error(
            `the ledger ${file} is in use by process ${pid}; one process at a time can open it`,
          );
        rmSync(ownerFile, { force: true });
        continue;
      }
      rmSync(`${file}.lock`, { recursive: true, force: true });
      return {
        release: () => {
          if (readOwner(ownerFile) === process.pid) rmSync(ownerFile, { force: true });
        },
      };
    }
  } finally {
    unlinkSync(mine);
  }
  throw new Error(`the ledger ${file} is being claimed by another process; try again`);
}
