/**
 * Whether a folder to watch overlaps a watched one: a file read by two watched folders is recognised twice and both
 * write the same outputs. A recursive folder reads its sub-folders (except hidden ones and its output folder); a
 * non-recursive one reads only its own files. Compared on real paths, so a link to a watched folder counts.
 */
import path from 'node:path';
import { isHiddenName } from './patterns';
import { realPathSoFar, within } from './output-folder';

/** A watched folder as far as which files it reads. */
export interface ReadingFolder {
  readonly dir: string;
  readonly options: { readonly recursive: boolean; readonly outDir: string | null };
}

/** Whether `reader` (real paths) reads the files of `inner`, a folder inside it or the folder itself. */
function reads(reader: string, recursive: boolean, outDir: string | null, inner: string): boolean {
  if (!within(inner, reader)) return false;
  const rel = path.relative(reader, inner);
  if (rel === '') return true;
  if (!recursive || (outDir !== null && within(inner, outDir))) return false;
  return !rel.split(path.sep).some(isHiddenName);
}

/** How two watched folders overlap: `covered` (the new one is read by the other) or `covers` (it would read it). */
export interface FolderOverlap {
  readonly other: string;
  readonly how: 'covered' | 'covers';
}

/** The first of `others` that reads the files of `dir` or whose files `dir` would read, if any. */
export async function folderOverlap(
  dir: string,
  options: ReadingFolder['options'],
  others: readonly ReadingFolder[],
): Promise<FolderOverlap | undefined> {
  const mine = await realPathSoFar(dir);
  const myOut = options.outDir && (await realPathSoFar(options.outDir));
  for (const o of others) {
    const theirs = await realPathSoFar(o.dir);
    const theirOut = o.options.outDir && (await realPathSoFar(o.options.outDir));
    if (reads(theirs, o.options.recursive, theirOut, mine)) return { other: o.dir, how: 'covered' };
    if (reads(mine, options.recursive, myOut, theirs)) return { other: o.dir, how: 'covers' };
  }
  return undefined;
}

/** The folders of `others` whose files `dir` would read (itself included when listed), compared on real paths. */
export async function foldersRead(
  dir: string,
  options: ReadingFolder['options'],
  others: readonly ReadingFolder[],
): Promise<ReadingFolder[]> {
  const mine = await realPathSoFar(dir);
  const myOut = options.outDir && (await realPathSoFar(options.outDir));
  const found: ReadingFolder[] = [];
  for (const o of others)
    if (reads(mine, options.recursive, myOut, await realPathSoFar(o.dir))) found.push(o);
  return found;
}
