/** Where the repository's models/ folder is, from source (tsx), from dist/ bundles, or from an env override. */
import { existsSync } from 'node:fs';
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
