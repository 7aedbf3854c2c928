/** Vite build of the React renderer: root `renderer/`, relative asset URLs, output in `dist/renderer`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The renderer build (served by `serve` and by the Electron custom protocol). */
export default defineConfig({
  root: path.join(here, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist', 'renderer'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
});
