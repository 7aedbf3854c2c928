// Bundles the Electron main process and the sandboxed preload into dist/main with esbuild.
// main.cjs: CommonJS for Node in Electron's main process; electron and native/runtime packages stay external
// (resolved from node_modules, unpacked from the asar where they hold native files).
// preload.cjs: a sandboxed preload must be one CommonJS file whose only require is `electron`.
// dist/icons: the app icon rasterised (window icon and electron-builder's icon sources).
// LANTERN_ELECTRON_OUTDIR overrides the bundles' folder (the unit tests bundle into a temporary one; no icons then).
import { build } from 'esbuild';
import { buildIcons } from './build-icons.mjs';

const outdir = process.env.LANTERN_ELECTRON_OUTDIR || 'dist/main';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: true,
  logLevel: 'warning',
  // The code reads import.meta.url only where __dirname / __filename are missing (ESM), never in this CommonJS bundle.
  logOverride: { 'empty-import-meta': 'silent' },
};

await Promise.all([
  ...(process.env.LANTERN_ELECTRON_OUTDIR ? [] : [buildIcons()]),
  build({
    ...common,
    // document-thread.cjs: main's worker thread for PDFium and pdf-lib (app/documents/document-thread.ts).
    entryPoints: { main: 'main/main.ts', 'document-thread': 'app/documents/document-thread.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    external: [
      'electron',
      'onnxruntime-node',
      'sharp',
      '@img/*',
      'node-sqlite3-wasm',
      'chokidar',
      'fastify',
      '@fastify/multipart',
      // Bundled into CommonJS, PDFium's Emscripten loader would call createRequire(import.meta.url) with undefined.
      '@hyzyla/pdfium',
      'pdf-lib',
    ],
  }),
  build({
    ...common,
    entryPoints: { preload: 'main/preload.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    platform: 'browser',
    external: ['electron'],
  }),
]);
