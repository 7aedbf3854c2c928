/** Where Playwright's `_electron` can find an Electron binary, or why it cannot (no binary is installed in CI). */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from './serve-process';

/**
 * The Electron executable `require('electron')` points at, or why there is none. The package's index downloads a missing
 * binary on require, so it is only required when its path.txt and binary are there (or ELECTRON_OVERRIDE_DIST_PATH is set).
 */
export function findElectron(): { path: string } | { why: string } {
  const req = createRequire(import.meta.url);
  try {
    if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
      const dir = path.dirname(req.resolve('electron/package.json'));
      const pathFile = path.join(dir, 'path.txt');
      if (!existsSync(pathFile))
        return {
          why: `${path.relative(ROOT, pathFile)} is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?)`,
        };
      const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
      if (!existsSync(binary)) return { why: `${path.relative(ROOT, binary)} does not exist` };
    }
    const p: unknown = req('electron');
    if (typeof p === 'string' && existsSync(p)) return { path: p };
    return { why: `require('electron') gave ${JSON.stringify(p)}, which does not exist` };
  } catch (err) {
    return { why: (err as Error).message.split('\n')[0]! };
  }
}
