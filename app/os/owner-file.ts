/**
 * A claim on a resource by one process, kept in an owner file that holds its pid and, on Linux, its start time: a
 * killed owner leaves the file behind, and the pid (with the start time) tells a stale claim from a live one. A pid
 * alone is not enough: in a container the server is pid 1 after every restart, and a killed owner stays a zombie until
 * it is reaped.
 */
import { linkSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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

/** What a test may run at a claim's own moments: `ownerGone` once a recorded owner is judged gone, before the takeover. */
export interface ClaimSeams {
  readonly ownerGone?: (ownerFile: string) => void;
}

/**
 * How many takeovers deep a claim goes: a dead owner's file is taken over under `<file>.taking`, a dead taker's
 * `.taking` under `.taking.taking`, and so on; past this many, each left by a process that died mid-takeover, it gives up.
 */
const TAKEOVER_DEPTH = 3;

/** Which file a path names now (device and inode), or undefined when none is there. */
function fileId(file: string): string | undefined {
  try {
    const st = statSync(file);
    return `${st.dev}:${st.ino}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * The recorded owner and which file recorded it (its inode and its text: an inode freed by a takeover may be reused by
 * a later claim's file, never with the dead owner's text); undefined when no file is there.
 */
function readClaim(file: string): { readonly id: string; readonly owner: Owner | undefined } | undefined {
  const id = fileId(file);
  if (id === undefined) return undefined;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // gone or unreadable since: the id alone then differs from any file read in full
  }
  return { id: `${id} ${text}`, owner: readOwner(file) };
}

/** Removes `file` when it is still the file `id` names: what this process owns, never another's claim in its place. */
function removeIfStill(file: string, id: string): void {
  if (fileId(file) === id) rmSync(file, { force: true });
}

/**
 * Claims `file` by linking this process's `mine` to it. A dead owner's file is replaced only by the one process that
 * holds `<file>.taking` (claimed the same way, a level deeper), and only while the file is still the one found dead:
 * two processes that find it dead at once cannot both take it.
 */
function claimAt(file: string, mine: string, mineId: string, depth: number, seams: ClaimSeams): OwnerClaim {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      linkSync(mine, file); // atomic, and fails when the file exists: never a half-written owner
      return { claimed: true, ownership: { release: () => removeIfStill(file, mineId) } };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const found = readClaim(file);
    if (found === undefined) continue; // given up meanwhile: link again
    if (found.owner !== undefined && ownerLives(found.owner)) return { claimed: false, pid: found.owner.pid };
    seams.ownerGone?.(file);
    if (depth >= TAKEOVER_DEPTH) return { claimed: false, pid: 0 };
    const taking = claimAt(`${file}.taking`, mine, mineId, depth + 1, seams);
    if (!taking.claimed) return taking;
    try {
      // Held by this process alone: the file can change only if someone took the dead claim before this one began.
      if (readClaim(file)?.id !== found.id) continue;
      const swap = `${mine}.swap`;
      linkSync(mine, swap);
      try {
        renameSync(swap, file); // replaces the dead owner's file in one step: there is never no owner to link over
      } catch (err) {
        rmSync(swap, { force: true });
        throw err;
      }
      return { claimed: true, ownership: { release: () => removeIfStill(file, mineId) } };
    } finally {
      taking.ownership.release();
    }
  }
  return { claimed: false, pid: 0 };
}

/** Claims `ownerFile` for this process, clearing what a dead owner left; says which live process holds it otherwise. */
export function claimOwnerFile(ownerFile: string, seams: ClaimSeams = {}): OwnerClaim {
  const mine = `${ownerFile}.${process.pid}`;
  const start = procStat(process.pid)?.start;
  writeFileSync(mine, start === undefined ? String(process.pid) : `${process.pid} ${start}`);
  try {
    return claimAt(ownerFile, mine, fileId(mine)!, 0, seams);
  } finally {
    unlinkSync(mine);
  }
}
