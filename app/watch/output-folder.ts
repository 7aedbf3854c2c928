/**
 * Where a folder's outputs may go. The rule (docs/watch-inputs.md): an absolute path; not a system location; not the
 * watched folder itself nor a folder that holds it (everything under the output folder is excluded from reading, so
 * nothing would ever be read); a sub-folder of the watched folder is fine (it is skipped when scanning). Checked on
 * real paths, so a symbolic link cannot point the outputs somewhere the rule refuses.
 */
import { readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { LanternError } from '../contracts/errors';

/** Folders no output goes into or under on Linux and macOS (and "/" itself). */
export const POSIX_SYSTEM_FOLDERS = [
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/proc',
  '/run',
  '/sbin',
  '/sys',
  '/usr',
  '/var/lib',
  '/var/log',
  '/var/run',
  '/var/spool',
  '/Library',
  '/System',
  '/private/etc',
  '/private/var/db',
] as const;

/** Folders no output goes into or under on Windows (compared without case, on any drive for the last three). */
export const WINDOWS_SYSTEM_FOLDERS = [
  '\\Windows',
  '\\Program Files',
  '\\Program Files (x86)',
  '\\ProgramData',
] as const;

type Platform = NodeJS.Platform;
const api = (platform: Platform) => (platform === 'win32' ? path.win32 : path.posix);

/** Whether `p` is `dir` or inside it (case-insensitively on Windows). */
export function within(p: string, dir: string, platform: Platform = process.platform): boolean {
  const P = api(platform);
  const [a, b] = platform === 'win32' ? [p.toLowerCase(), dir.toLowerCase()] : [p, dir];
  const r = P.relative(b, a);
  return r === '' || (!r.startsWith('..') && !P.isAbsolute(r));
}

/** The system folder `dir` is or lies in, if any ("/" and drive roots count). */
export function systemFolderOf(dir: string, platform: Platform = process.platform): string | undefined {
  const P = api(platform);
  const abs = P.resolve(dir);
  if (abs === P.parse(abs).root) return abs;
  if (platform === 'win32') {
    const root = P.parse(abs).root.replace(/\\$/u, '');
    return WINDOWS_SYSTEM_FOLDERS.map((s) => root + s).find((s) => within(abs, s, platform));
  }
  return POSIX_SYSTEM_FOLDERS.find((s) => within(abs, s, platform));
}

/** Why `outDir` cannot take the outputs of `watchDir` (both absolute, real paths), or null when it can. */
export function outputFolderProblem(
  watchDir: string,
  outDir: string,
  platform: Platform = process.platform,
): string | null {
  if (!api(platform).isAbsolute(outDir)) return 'it must be an absolute path';
  const system = systemFolderOf(outDir, platform);
  if (system) return `it is inside the system location ${system}`;
  if (within(watchDir, outDir, platform))
    return within(outDir, watchDir, platform)
      ? 'it is the watched folder itself, whose files would all count as outputs and none be read (with no output folder, the window and the API write the outputs beside the images)'
      : 'it holds the watched folder, so every input would count as an output and none would be read';
  return null;
}

/** Most links followed by hand in one resolution (Linux's own limit), so a loop of dangling links ends. */
const MAX_LINK_HOPS = 40;

/**
 * `p` with symbolic links resolved as far as it exists (the rest, not yet created, appended). A dangling link is
 * followed to where it points, since writing through it creates its target there, not beside the link.
 */
export async function realPathSoFar(p: string, hops = 0): Promise<string> {
  const rest: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(await realpath(at), ...rest.reverse());
    } catch {
      const target = hops < MAX_LINK_HOPS ? await readlink(at).catch(() => null) : null;
      if (target !== null) {
        const pointed = path.resolve(await realPathSoFar(path.dirname(at), hops + 1), target);
        return realPathSoFar(path.join(pointed, ...rest.reverse()), hops + 1);
      }
      const parent = path.dirname(at);
      if (parent === at) return path.join(at, ...rest.reverse());
      rest.push(path.basename(at));
      at = parent;
    }
  }
}

/** Checks a folder's output folder; throws LanternError BAD_OUTPUT_FOLDER with the reason. Null (beside the images) passes. */
export async function checkOutputFolder(watchDir: string, outDir: string | null): Promise<void> {
  if (outDir === null) return;
  const problem = path.isAbsolute(outDir)
    ? outputFolderProblem(await realPathSoFar(watchDir), await realPathSoFar(outDir))
    : 'it must be an absolute path';
  if (problem) throw new LanternError('BAD_OUTPUT_FOLDER', `output folder ${outDir} refused: ${problem}`);
}

/** A folder as far as where its outputs go: its output folder, or itself when they go beside its images. */
export interface OutputOwner {
  readonly dir: string;
  readonly options: { readonly outDir: string | null };
}

/**
 * The folder of `others` whose outputs already go where `dir`'s would (compared on real paths), if any: outputs are
 * named after their input alone, so a `scan001.jpg` in each would overwrite the other's text.
 */
export async function outputFolderOwner(
  dir: string,
  outDir: string | null,
  others: readonly OutputOwner[],
): Promise<string | undefined> {
  const mine = await realPathSoFar(outDir ?? dir);
  for (const o of others) {
    if (o.dir === dir) continue;
    const theirs = await realPathSoFar(o.options.outDir ?? o.dir);
    if (within(mine, theirs) && within(theirs, mine)) return o.dir;
  }
  return undefined;
}
