// Bundles the plain-Node entry points (CLI, engine worker, serve) into dist/node with esbuild.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const entries = {
  cli: 'app/cli/main.ts',
  engine: 'app/engine/worker.ts',
  'image-thread': 'app/engine/image-thread.ts',
  'lane-thread': 'app/engine/lane-thread.ts',
  serve: 'app/serve/main.ts',
  // serve's worker thread for PDFium and pdf-lib, as Electron main has (app/documents/document-thread.ts).
  'document-thread': 'app/documents/document-thread.ts',
};
await build({
  entryPoints: Object.fromEntries(Object.entries(entries).filter(([, f]) => existsSync(f))),
  outdir: 'dist/node',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Dependencies stay external (native addons, and node_modules ships with the app) except zod: loading its ~100 ESM
  // files from node_modules costs ~100 ms of engine start, bundled it costs a few.
  external: Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies).filter(
    (d) => d !== 'zod',
  ),
  // `--version` (app/cli/version.ts).
  define: { LANTERN_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  sourcemap: true,
  logLevel: 'warning',
});
