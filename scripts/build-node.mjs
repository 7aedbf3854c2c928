// Bundles the plain-Node entry points (CLI, engine worker, serve) into dist/node with esbuild; dependencies stay external.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = {
  cli: 'app/cli/main.ts',
  engine: 'app/engine/worker.ts',
  serve: 'app/serve/main.ts',
};
await build({
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(f))),
  outdir: 'dist/node',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
