/** Which files a folder takes: glob patterns on the base name (default: the usual image extensions). */
import { LanternError } from '../contracts/errors';
import { compileGlob, globMatches, GlobError, type CompiledGlob } from './glob';

/** Extensions taken when a folder has no patterns. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'tif', 'tiff', 'gif', 'avif'] as const;

/** The extensions of the outputs we write (never taken as inputs when they sit beside the images). */
export const OUTPUT_EXTENSIONS = ['txt', 'json', 'md', 'pdf'] as const;

/** Temporary files of an atomic write: `name.tmp-<pid>`. */
export const TMP_SUFFIX = /\.tmp-\d+$/;

/** Compiles a folder's patterns; throws LanternError BAD_PATTERN naming the first bad one and why. */
export function compilePatterns(patterns: readonly string[]): CompiledGlob[] {
  return patterns.map((p) => {
    try {
      return compileGlob(p);
    } catch (err) {
      if (!(err instanceof GlobError)) throw err;
      throw new LanternError('BAD_PATTERN', `invalid file pattern ${JSON.stringify(p)}: ${err.message}`);
    }
  });
}

/** A predicate on base names for the given patterns (empty: image extensions); throws BAD_PATTERN on a bad one. */
export function nameMatcher(patterns: readonly string[]): (name: string) => boolean {
  const globs = compilePatterns(patterns.length > 0 ? patterns : [`*.{${IMAGE_EXTENSIONS.join(',')}}`]);
  const outputs = new RegExp(`\\.(?:${OUTPUT_EXTENSIONS.join('|')})$`, 'i');
  return (name) => {
    if (TMP_SUFFIX.test(name) || name.startsWith('.lantern-')) return false;
    if (patterns.length > 0 && outputs.test(name)) return false;
    return globs.some((g) => globMatches(g, name));
  };
}
