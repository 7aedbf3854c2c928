/**
 * A claim on a resource by one process, kept in an owner file that holds its pid and, on Linux, its start time: a
 * killed owner leaves the file behind, and the pid (with the start time) tells a stale claim from a live one. A pid
 * alone is not enough: in a container the server is pid 1 after every restart, and a killed owner stays a zombie until
 * it is reaped.
 */
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { processAlive } from './process-alive';

/** A claim held by this process, given up by release(). */
export interface Ownership {
  release(): void;
}

/** What claimOwnerFile found: the claim, or the live process that holds it (`pid` 0: another claimed it meanwhile). */
export type OwnerClaim =
  | { readonly claimed: true; readonly ownership: Ownership }
  | { readonly claimed: false; readonly pid: number };

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

/** Claims `ownerFile` for this process, clearing what a dead owner left; says which live process holds it otherwise. */
export function claimOwnerFile(ownerFile: string): OwnerClaim {
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
        if (owner !== undefined && ownerLives(owner)) return { claimed: false, pid: owner.pid };
        rmSync(ownerFile, { force: true });
        continue;
      }
      return {
        claimed: true,
        ownership: {
          release: () => {
            if (readOwner(ownerFile)?.pid === process.pid) rmSync(ownerFile, { force: true });
          },
        },
      };
    }
  } finally {
    unlinkSync(mine);
  }
  return { claimed: false, pid: 0 };
}
