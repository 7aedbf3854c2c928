/** Whether a name a rename event reports in a watched folder is one of its inputs, which may be a broken link. */
import path from 'node:path';
import { isInside } from './is-inside';
import { isHiddenName } from './patterns';

/**
 * The input `name` made or removed in the watched folder `watched` is, told relative to the listed folder `listDir`;
 * null for a name outside it, hidden, not matching the folder's patterns, or in the output folder `outDir`.
 */
export function renamedInput(
  listDir: string,
  watched: string,
  name: string,
  matches: (name: string) => boolean,
  outDir: string | null,
): { rel: string; abs: string } | null {
  const abs = path.join(watched, name);
  const rel = path.relative(listDir, abs);
  if (rel.startsWith('..') || isHiddenName(name) || !matches(name) || (outDir && isInside(abs, outDir)))
    return null;
  return { rel, abs };
}
