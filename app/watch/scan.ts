/** Lists a folder's input files once (for "batch once"), without following symbolic links to folders. */
import { isUtf8 } from 'node:buffer';
import type { Dirent } from 'node:fs';
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { WatchOptions } from '../contracts/lantern-api';
import { isInside } from './is-inside';
import { displayName, inputPath } from './file-names';
import { isHiddenName, nameMatcher } from './patterns';
import { settle } from './read-file';
import type { WatchedSkip } from './watched-skips';

/** A file found by a scan. */
export interface ScannedFile {
  readonly rel: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Most entries one scan lists (a guard against scanning a whole disk by mistake). */
export const MAX_SCAN_FILES = 1_000_000;

/** What a listing notes about the sub-folders it met, for a watcher (no chokidar watch reaches these). */
export interface FolderNotes {
  /** Sub-folders descended into whose relative paths are not valid UTF-8 (text forms). */
  readonly escapedDirs: string[];
  /** Sub-folders (absolute paths, text forms where not UTF-8) that could not be read: no permission. */
  readonly unreadableDirs: string[];
  /** The listed files that are symbolic links (by the listing's entry types): only these can lead nowhere. */
  readonly links?: string[];
}

/**
 * The matching files under `dir` (sub-folders when recursive), by relative path, sorted; no waiting. Names are read
 * as bytes: one that is not valid UTF-8 is listed by its text form (file-names.ts), not dropped. With `notes`, the
 * sub-folders a watcher must look after itself are added to it. The files of the folders in `skips` are left out (a
 * recursive one's sub-folders too): a watch reads them.
 */
export async function listFolder(
  dir: string,
  options: WatchOptions,
  notes?: FolderNotes,
  skips: readonly WatchedSkip[] = [],
): Promise<string[]> {
  const matches = nameMatcher(options.patterns);
  const found: string[] = [];
  const root = Buffer.from(path.join(dir, path.sep));
  const walk = async (sub: Buffer, depth: number): Promise<void> => {
    let entries: Dirent<Buffer>[];
    try {
      entries = await readdir(Buffer.concat([root, sub]), { withFileTypes: true, encoding: 'buffer' });
    } catch (err) {
      if (depth === 0) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      // By its text form when its path is not UTF-8, like a file of such a name: never left out of the notice.
      if (notes && (code === 'EACCES' || code === 'EPERM'))
        notes.unreadableDirs.push(path.join(dir, displayName(sub)));
      return;
    }
    const here = path.join(dir, displayName(sub));
    const ownFilesSkipped = skips.some((s) => !s.recursive && s.dir === here);
    for (const e of entries) {
      const relBytes = sub.length ? Buffer.concat([sub, SEP, e.name]) : e.name;
      const name = displayName(e.name);
      const rel = displayName(relBytes);
      if (isHiddenName(name) || (options.outDir && isInside(path.join(dir, rel), options.outDir))) continue;
      if (e.isDirectory()) {
        if (!options.recursive || depth >= 64) continue;
        if (skips.some((s) => s.recursive && s.dir === path.join(dir, rel))) continue;
        if (notes && !isUtf8(relBytes)) notes.escapedDirs.push(rel);
        await walk(relBytes, depth + 1);
      } else if (
        (e.isFile() || e.isSymbolicLink()) &&
        !ownFilesSkipped &&
        matches(name) &&
        found.length < MAX_SCAN_FILES
      ) {
        found.push(rel);
        if (e.isSymbolicLink()) notes?.links?.push(rel);
      }
    }
  };
  await walk(Buffer.alloc(0), 0);
  return found.sort();
}

/** The path separator as bytes. */
const SEP = Buffer.from(path.sep);

/** The files of `rels` under `dir` once each has stopped changing, with size and mtime (gone ones left out, not links). */
export async function settledFiles(
  dir: string,
  rels: readonly string[],
  stabilityMs: number,
): Promise<ScannedFile[]> {
  const out: ScannedFile[] = [];
  for (let i = 0; i < rels.length; i += 256) {
    const chunk = rels.slice(i, i + 256).map(async (rel) => {
      const abs = await inputPath(dir, rel);
      if (!(await settle(abs, stabilityMs))) return brokenLink(rel, abs);
      const st = await stat(abs).catch(() => null);
      return { rel, size: st?.size ?? 0, mtimeMs: st?.mtimeMs ?? 0 };
    });
    for (const f of await Promise.all(chunk)) if (f) out.push(f);
  }
  return out;
}

/**
 * A symbolic link that leads to no file (a loop, a link to a file that does not exist), listed by the link's own
 * size and mtime: it is read, and fails with the reason, instead of being left out without a word. Null otherwise.
 */
export async function brokenLink(rel: string, abs: string | Buffer): Promise<ScannedFile | null> {
  const st = await lstat(abs).catch(() => null);
  return st?.isSymbolicLink() ? { rel, size: st.size, mtimeMs: st.mtimeMs } : null;
}

/**
 * Lists the matching files under `dir` (sub-folders when recursive), waiting for ones still being written; with
 * `notes`, the sub-folders it could not read are added to it; the files of `skips` are left out.
 */
export async function scanFolder(
  dir: string,
  options: WatchOptions,
  stabilityMs: number,
  notes?: FolderNotes,
  skips: readonly WatchedSkip[] = [],
): Promise<ScannedFile[]> {
  return settledFiles(dir, await listFolder(dir, options, notes, skips), stabilityMs);
}
