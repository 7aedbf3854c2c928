/** A folder's path and options as watch and batch accept them: absolute, patterns compiled, output folder checked. */
import path from 'node:path';
import { LanternError } from '../contracts/errors';
import type { WatchOptions } from '../contracts/lantern-api';
import { watchOptionsSchema } from '../contracts/lantern-api';
import type { FolderRow } from './ledger';
import { checkOutputFolder } from './output-folder';
import { compilePatterns } from './patterns';

/** The watched folder's path: absolute on every transport (a relative one would depend on the server's cwd). */
export function folderPath(dir: string): string {
  if (!path.isAbsolute(dir))
    throw new LanternError('BAD_REQUEST', `the folder must be an absolute path: ${dir}`);
  return path.resolve(dir);
}

/**
 * Validates a folder's options (defaults filled in): its patterns (BAD_PATTERN) and its output folder
 * (BAD_OUTPUT_FOLDER), so that a bad one is refused with its reason and never saved.
 */
export async function validatedOptions(dir: string, options: Partial<WatchOptions>): Promise<WatchOptions> {
  const parsed = watchOptionsSchema.parse(options);
  compilePatterns(parsed.patterns);
  await checkOutputFolder(dir, parsed.outDir);
  return { ...parsed, outDir: parsed.outDir === null ? null : path.resolve(parsed.outDir) };
}

/** Why a saved folder cannot run (a pattern or output folder an older version accepted), or null. */
export async function savedProblem(f: FolderRow): Promise<string | null> {
  try {
    await validatedOptions(f.dir, f.options);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
