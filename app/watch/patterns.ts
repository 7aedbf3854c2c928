/** Which files a folder takes: glob patterns on the base name (default: the usual image extensions). */

/** Extensions taken when a folder has no patterns. */
export const IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp', 'tif', 'tiff', 'bmp', 'gif'] as const;

/** The extensions of the outputs we write (never taken as inputs when they sit beside the images). */
export const OUTPUT_EXTENSIONS = ['txt', 'json', 'md'] as const;

/** Temporary files of an atomic write: `name.tmp-<pid>`. */
export const TMP_SUFFIX = /\.tmp-\d+$/;

/** Turns one glob (`*`, `?`, `[abc]`, `{a,b}`) into a case-insensitive regular expression on the whole name. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '{') {
      re += '(?:';
      depth++;
    } else if (c === '}' && depth > 0) {
      re += ')';
      depth--;
    } else if (c === ',' && depth > 0) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob
          .slice(i + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  re += ')'.repeat(depth);
  return new RegExp(`^${re}$`, 'iu');
}

/** A predicate on base names for the given patterns (empty: image extensions). */
export function nameMatcher(patterns: readonly string[]): (name: string) => boolean {
  const globs = patterns.length > 0 ? patterns : [`*.{${IMAGE_EXTENSIONS.join(',')}}`];
  const res = globs.map(globToRegExp);
  const outputs = new RegExp(`\\.(?:${OUTPUT_EXTENSIONS.join('|')})$`, 'i');
  return (name) => {
    if (TMP_SUFFIX.test(name) || name.startsWith('.lantern-')) return false;
    if (patterns.length > 0 && outputs.test(name)) return false;
    return res.some((r) => r.test(name));
  };
}
