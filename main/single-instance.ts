/**
 * One running Lantern: a second launch hands its file arguments to the first (via `second-instance`, with the files
 * also sent as the lock's additional data, which survives Chromium's argv rewriting) and quits.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { INPUT_FORMATS } from '../app/contracts/input-formats';

/** The part of Electron's `app` the lock uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
}

/** What a launch hands over: the file types the window accepts (images, PDFs). */
const IMAGE_EXT = new Set(INPUT_FORMATS.flatMap((f) => f.extensions.map((e) => `.${e}`)));

/** A command-line argument as a local path: `file://` URLs (the .desktop `%U` of the AppImage and deb) decoded, other URLs dropped. */
function argPath(arg: string, cwd: string): string | null {
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) {
    if (!arg.toLowerCase().startsWith('file://')) return null;
    try {
      return fileURLToPath(arg);
    } catch {
      return null; // a file URL of another host (file://server/…) is no local path
    }
  }
  return path.resolve(cwd, arg);
}

/** Image file arguments of a command line, resolved against `cwd` (switches and the first `skip` entries left out). */
export function filesFromArgv(argv: readonly string[], cwd: string, skip: number): string[] {
  return argv
    .slice(skip)
    .filter((a) => a.length > 0 && !a.startsWith('-'))
    .map((a) => argPath(a, cwd))
    .filter((a): a is string => a !== null && IMAGE_EXT.has(path.extname(a).toLowerCase()));
}

const handOff = z.object({ lanternFiles: z.array(z.string().min(1).max(4096)).max(1000) });

/** Options of the lock. */
export interface SingleInstanceOptions {
  readonly app: SingleInstanceApp;
  /** This process's argv and working directory. */
  readonly argv: readonly string[];
  readonly cwd: string;
  /** How many leading argv entries are not arguments: 1 packaged (the executable), 2 in development (`electron .`). */
  readonly skip: number;
  /** A second launch happened: show the window and recognise its files (possibly none). */
  readonly onSecondInstance: (files: string[]) => void;
}

/** Takes the lock; false means another instance runs and got our files: quit now. */
export function setupSingleInstance(o: SingleInstanceOptions): boolean {
  const mine = filesFromArgv(o.argv, o.cwd, o.skip);
  if (!o.app.requestSingleInstanceLock({ lanternFiles: mine })) return false;
  o.app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const data = handOff.safeParse(additionalData);
    const files = data.success
      ? data.data.lanternFiles.filter((f) => path.isAbsolute(f))
      : filesFromArgv(argv, workingDirectory, o.skip);
    o.onSecondInstance(files);
  });
  return true;
}

/**
 * The arguments of a relaunch for a launch that came while this instance was quitting (it still held the lock, so
 * that launch handed its files over and exited): the app folder when unpackaged, then those files; no switches.
 */
export function relaunchArgs(argv: readonly string[], skip: number, files: readonly string[]): string[] {
  return [...argv.slice(1, skip), ...files];
}
