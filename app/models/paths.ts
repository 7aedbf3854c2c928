/** Where the repository's models/ folder is, from source (tsx), from dist/ bundles, or from an env override. */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Finds the models directory: LANTERN_MODELS_DIR, else the nearest ancestor of this file holding models/manifest.json. */
export function modelsDir(): string {
  const fromEnv = process.env.LANTERN_MODELS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'models', 'manifest.json'))) return path.join(dir, 'models');
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('models');
    dir = parent;
  }
}

/**
 * Where optimised model graphs are cached (app/ocr/optimized-cache.ts): LANTERN_MODEL_CACHE ("off" disables), else the
 * platform's per-user cache folder. A cache, not state: deleting it only slows the next start, which rebuilds it.
 */
export function modelCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.LANTERN_MODEL_CACHE;
  if (set !== undefined) return set === '' || set === 'off' ? undefined : path.resolve(set);
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'lantern-ocr', 'model-cache');
    case 'darwin':
      return path.join(home, 'Library', 'Caches', 'lantern-ocr', 'model-cache');
    default:
      return path.join(env.XDG_CACHE_HOME ?? path.join(home, '.cache'), 'lantern-ocr', 'model-cache');
  }
}
