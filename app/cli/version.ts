/** The version the build stamps in (esbuild's `define`, from package.json); `dev` when run from source. */

declare const LANTERN_VERSION: string | undefined;

/** Lantern OCR's version, for `--version`. */
export const APP_VERSION: string = typeof LANTERN_VERSION === 'string' ? LANTERN_VERSION : 'dev';
