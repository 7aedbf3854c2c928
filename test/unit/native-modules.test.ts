/**
 * Every native addon the app ships (the production dependencies, which Electron's main process, its utility process
 * and their worker threads can load) must be N-API, so one build loads in Node and in Electron alike: a module bound
 * to one V8 ABI (better-sqlite3) fails the app at start with NODE_MODULE_VERSION. See docs/native-modules.md.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { napiVerdict, readSymbols } from '../helpers/native-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; optional?: boolean }>;
};
const sharpVersion = lock.packages['node_modules/sharp']?.version;

/** Production packages of the lockfile (what `npm ci --omit=dev` and electron-builder install), by folder. */
const production = Object.entries(lock.packages).filter(([dir, p]) => dir !== '' && !p.dev);

/** The `.node` files in a package folder, its nested node_modules left to their own lockfile entries. */
function addonsIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : addonsIn(p);
    return e.isFile() && e.name.endsWith('.node') ? [p] : [];
  });
}

/**
 * Packages for other platforms (not installed here, so not readable): allowed only under a documented rule. sharp's
 * per-platform builds are N-API (sharp builds on node-addon-api); its libvips packages hold shared libraries only.
 */
function notInstalledRule(dir: string, version: string | undefined): string | undefined {
  const name = dir.replace(/^.*node_modules\//, '');
  if (/^@img\/sharp-libvips-/.test(name)) return 'libvips shared libraries, no addon';
  if (/^@img\/sharp-[a-z0-9]+-[a-z0-9]+$/.test(name) && version === sharpVersion)
    return `sharp ${sharpVersion}'s N-API build`;
  return undefined;
}

test('every native addon among the production dependencies is N-API', () => {
  const found: string[] = [];
  const failures: string[] = [];
  for (const [dir, p] of production) {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) {
      if (!p.optional || !notInstalledRule(dir, p.version))
        failures.push(`${dir}: not installed here, so its addons cannot be checked, and no rule covers it`);
      continue;
    }
    for (const file of addonsIn(abs)) {
      const rel = path.relative(root, file);
      found.push(rel);
      const verdict = napiVerdict(readSymbols(readFileSync(file)));
      if (!verdict.napi) failures.push(`${rel}: ${verdict.why}`);
    }
  }
  // The walk sees the addons the engine loads, for every platform onnxruntime-node ships.
  for (const want of ['linux/x64', 'linux/arm64', 'win32/x64', 'darwin/arm64'])
    assert.ok(
      found.some((f) => f.includes(`onnxruntime-node/bin/napi-v6/${want}/`)),
      `onnxruntime ${want} checked`,
    );
  if (process.platform === 'linux' && process.arch === 'x64')
    assert.ok(
      found.some((f) => f.includes('@img/sharp-linux-x64/')),
      'native sharp checked',
    );
  assert.deepEqual(failures, []);
});

test('no module bound to a V8 ABI is a production dependency; the WebAssembly builds are', () => {
  const names = new Set(production.map(([dir]) => dir.replace(/^.*node_modules\//, '')));
  for (const banned of ['better-sqlite3', 'sqlite3', 'bindings', 'prebuild-install', 'node-gyp-build'])
    assert.ok(!names.has(banned), `${banned} is in the production tree`);
  for (const wasm of ['node-sqlite3-wasm', '@img/sharp-wasm32'])
    assert.ok(names.has(wasm) && existsSync(path.join(root, 'node_modules', wasm)), `${wasm} installed`);
});
