import { createRequire } from 'node:module';

/**
 * A `require` for resolving installed packages from whichever bundle this code ends up in: `import.meta.url` in the
 * ESM bundles, `__filename` in the CommonJS one (Electron's main process), where `import.meta.url` is undefined.
 */
export function bundleRequire(): NodeJS.Require {
  return createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
}
