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
          why: `${path.relative(ROOT, pathFile)} is missing: Electron 45 fetches its binary on first run or with \`npx install-electron\` (Node >= 22.12, network)`,
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

/** The Electron binary, unless there is none or (Linux) no X or Wayland display to open a window on. */
export function usableElectron(): { path: string } | { why: string } {
  const f = findElectron();
  if ('why' in f) return { why: `Electron binary not installed: ${f.why}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
    return { why: 'no display: run the e2e tests under xvfb-run (npm test does on Linux)' };
  return f;
}
