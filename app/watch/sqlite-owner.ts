/**
 * Which process owns a database file: `<file>.owner` holds its pid and, on Linux, its start time. The wasm VFS locks
 * with a `<file>.lock` directory, which a killed process leaves behind; the owner file tells a stale lock (owner dead)
 * from a live one. A pid alone is not enough: in a container the server is pid 1 after every restart, and a killed
 * owner stays a zombie until it is reaped.
 */
import { processAlive } from '../os/process-alive';
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { LedgerRefusal } from './ledger-refusal';

/** A claim on a database file, given up by release(). */
export interface Ownership {
  release(): void;
}

/** The recorded owner: its pid and, where known, its start time. */
interface Owner {
  readonly pid: number;
  readonly start?: string;
}

function readOwner(ownerFile: string): Owner | undefined {
  try {
    const [pidText, start] = readFileSync(ownerFile, 'utf8').trim().split(/\s+/u);
    const pid = Number.parseInt(pidText ?? '', 10);
    if (!Number.isSafeInteger(pid) || pid <= 0) return undefined;
    return start ? { pid, start } : { pid };
  } catch {
    return undefined;
  }
}

/** A process's state and start time (clock ticks since boot) from /proc; undefined off Linux or when it is gone. */
function procStat(pid: number): { readonly state: string; readonly start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which may itself hold spaces: state is field 3, starttime field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] && fields[19] ? { state: fields[0], start: fields[19] } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the recorded owner still runs: a zombie or another process since (its start time differs) does not; this
 * pid is this process only when the start time says so (a container's server is pid 1 after every restart).
 */
function ownerLives(owner: Owner): boolean {
  const now = procStat(owner.pid);
  if (owner.pid === process.pid)
    return owner.start !== undefined ? owner.start === now?.start : now === undefined;
  if (!processAlive(owner.pid) || now?.state === 'Z') return false;
  return owner.start === undefined || now === undefined || now.start === owner.start;
}

/** Claims `file` for this process, clearing what a dead owner left; throws when a live process owns it. */
export function claimOwnership(file: string): Ownership {
  const ownerFile = `${file}.owner`;
  const mine = `${ownerFile}.${process.pid}`;
  const start = procStat(process.pid)?.start;
  writeFileSync(mine, start === undefined ? String(process.pid) : `${process.pid} ${start}`);
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(mine, ownerFile); // atomic, and fails when the file exists: never a half-written owner
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = readOwner(ownerFile);
        if (owner !== undefined && ownerLives(owner))
          throw new LedgerRefusal(
            file,
            `is in use by process ${owner.pid}; one process at a time can open it`,
          );
        rmSync(ownerFile, { force: true });
        continue;
      }
      rmSync(`${file}.lock`, { recursive: true, force: true });
      return {
        release: () => {
          if (readOwner(ownerFile)?.pid === process.pid) rmSync(ownerFile, { force: true });
        },
      };
    }
  } finally {
    unlinkSync(mine);
  }
  throw new LedgerRefusal(file, 'is being claimed by another process; try again');
}
