/** Which files a folder takes: glob patterns on the base name (default: image and document extensions). */
import { LanternError } from '../contracts/errors';
import { compileGlob, globMatches, GlobError, type CompiledGlob } from './glob';

/** Image extensions (also what the desktop app's file associations open). */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'tif', 'tiff', 'gif', 'avif'] as const;

/** Extensions taken when a folder has no patterns: images and PDFs. */
export const INPUT_EXTENSIONS = [...IMAGE_EXTENSIONS, 'pdf'] as const;

/** The extensions of the outputs we write (`<input name>.<format>`). */
export const OUTPUT_EXTENSIONS = ['txt', 'json', 'md', 'pdf'] as const;

/** Temporary files of an atomic write: `name.tmp-<pid>`. */
export const TMP_SUFFIX = /\.tmp-\d+$/;

/**
 * Names we write: txt/json/md always; a `.pdf` only after an input extension (`scan.pdf.pdf`, `a.jpg.pdf`) or after
 * the hash tag of a shortened name (`…~1a2b3c4d.pdf`), so that `scan.pdf` itself is still an input.
 */
const OUTPUT_NAME = new RegExp(
  `(?:\\.(?:txt|json|md)|(?:\\.(?:${INPUT_EXTENSIONS.join('|')})|~[0-9a-f]{8})\\.(?:${OUTPUT_EXTENSIONS.join('|')}))$`,
  'i',
);

/**
 * Whether a file or folder name is hidden (starts with a dot): never taken, nor descended into. macOS leaves `._name`
 * resource forks beside every file it copies to a USB drive or share, desktops keep `.Trash-1000` and `.thumbnails`,
 * sync tools their state: none is a document someone dropped in.
 */
export function isHiddenName(name: string): boolean {
  return name.startsWith('.');
}

/** Whether a base name is one of our outputs or temporaries (never taken as an input, whatever the patterns). */
export function isOwnOutputName(name: string): boolean {
  return TMP_SUFFIX.test(name) || name.startsWith('.lantern-') || OUTPUT_NAME.test(name);
}

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

/** A predicate on base names for the given patterns (empty: input extensions); throws BAD_PATTERN on a bad one. */
export function nameMatcher(patterns: readonly string[]): (name: string) => boolean {
  const globs = compilePatterns(patterns.length > 0 ? patterns : [`*.{${INPUT_EXTENSIONS.join(',')}}`]);
  return (name) => !isOwnOutputName(name) && globs.some((g) => globMatches(g, name));
}
