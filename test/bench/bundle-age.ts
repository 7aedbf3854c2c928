/** Warns when a built bundle is older than the sources it was built from: a bench would measure old code. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The newest modification time of the files under `dir`, in ms. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile()) newest = Math.max(newest, statSync(path.join(e.parentPath, e.name)).mtimeMs);
  return newest;
}

const warned = new Set<string>();

/**
 * Prints one warning per bundle when `bundle` is older than any file under `sourceDir` (`npm run -s build:node`);
 * nothing where either is missing (a packed copy, such as the GPU check's, carries the bundle without its sources).
 */
export function warnIfStale(bundle: string, sourceDir: string): void {
  if (warned.has(bundle) || !existsSync(bundle) || !existsSync(sourceDir)) return;
  warned.add(bundle);
  const built = statSync(bundle).mtimeMs;
  if (newestUnder(sourceDir) > built)
    console.warn(
      `warning: ${path.basename(bundle)} is older than ${path.basename(sourceDir)}/: this measures the last build, not the sources (npm run -s build:node)`,
    );
}
