/** Bundles the benchmark host (host.ts) apart from tool-process.ts, so that scripts bundled without esbuild can fork tools. */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from './adapter';

const HOST_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'lantern-bench', 'host');

/** Bundles host.ts like the engine bundle (no TypeScript loader at start-up; one lazily loaded chunk per tool). */
export async function buildHost(): Promise<string> {
  rmSync(HOST_DIR, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(REPO_ROOT, 'test', 'bench', 'host.ts')],
    outdir: HOST_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return path.join(HOST_DIR, 'host.mjs');
}
