/** The output folder of each watched folder when several share one `--out`: never two on one folder. */
import path from 'node:path';
import { distinctNames } from '../contracts/distinct-names';

/**
 * `out` itself for a single folder; otherwise `out/<folder name>` per folder, and `<name>-2`, `-3`, … for a later
 * folder whose name is taken (`A/scans` and `B/scans`; distinct-names.ts), the same on every restart.
 */
export function watchOutDirs(out: string, dirs: readonly string[]): readonly string[] {
  if (dirs.length <= 1) return dirs.map(() => out);
  const names = dirs.map((d) => path.basename(path.resolve(d)));
  return distinctNames(names, (i, k) => `${names[i]!}-${k}`).map((n) => path.join(out, n));
}
