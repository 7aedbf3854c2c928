/** The output folder of each watched folder when several share one `--out`: never two on one folder. */
import path from 'node:path';

/**
 * `out` itself for a single folder; otherwise `out/<folder name>` per folder, and for a later folder whose name is
 * taken (`A/scans` and `B/scans`) the first of `<name>-2`, `-3`, … that no folder has as its own name. Names are
 * compared without case, as macOS and Windows do; the order of the folders decides, so a restart maps them the same.
 */
export function watchOutDirs(out: string, dirs: readonly string[]): readonly string[] {
  if (dirs.length <= 1) return dirs.map(() => out);
  const key = (name: string) => name.toLowerCase();
  const names = dirs.map((d) => path.basename(path.resolve(d)));
  const owner = new Map<string, number>();
  names.forEach((n, i) => {
    if (!owner.has(key(n))) owner.set(key(n), i);
  });
  const used = new Set(owner.keys());
  return names.map((n, i) => {
    if (owner.get(key(n)) === i) return path.join(out, n);
    let k = 2;
    while (used.has(key(`${n}-${k}`))) k++;
    used.add(key(`${n}-${k}`));
    return path.join(out, `${n}-${k}`);
  });
}
