/**
 * A record of model files whose sha256 matched, keyed by what `stat` says of them (device, inode, size, mtime, ctime),
 * so that a start whose files have not changed skips reading and hashing 16 MB of models, a good part of its time to
 * ready (docs/engine.md). Any write to a file changes its mtime and ctime (ctime cannot be set back), so a changed file
 * is hashed again. Kept in the model cache folder; a missing or damaged record only means hashing again.
 */
import type { Stats } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Verified files: absolute path → stat stamp and the sha256 it had. */
export type VerifiedFiles = ReadonlyMap<string, { readonly stamp: string; readonly sha256: string }>;

/** How many files the record keeps (the newest): a few packs, and test folders that come and go. */
const MAX_ENTRIES = 32;

const recordFile = (dir: string) => path.join(dir, 'verified-files.json');

/** What identifies one version of a file without reading it. */
export function stampOf(st: Stats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

/** Reads the record in `dir`; empty when there is none or it is unreadable. */
export async function readVerified(dir: string | undefined): Promise<VerifiedFiles> {
  if (!dir) return new Map();
  try {
    const raw: unknown = JSON.parse(await readFile(recordFile(dir), 'utf8'));
    if (typeof raw !== 'object' || raw === null) return new Map();
    return new Map(
      Object.entries(raw).filter(
        (e): e is [string, { stamp: string; sha256: string }] =>
          typeof e[1]?.stamp === 'string' && typeof e[1]?.sha256 === 'string',
      ),
    );
  } catch {
    return new Map();
  }
}

/** Writes the record (temporary file + rename); failures are ignored: the record only saves time. */
export async function writeVerified(dir: string | undefined, files: VerifiedFiles): Promise<void> {
  if (!dir) return;
  const kept = [...files].slice(-MAX_ENTRIES);
  const tmp = `${recordFile(dir)}.${process.pid}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, JSON.stringify(Object.fromEntries(kept)));
    await rename(tmp, recordFile(dir));
  } catch {
    // read-only or full disk: next start hashes again
  }
}
