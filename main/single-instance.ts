/**
 * One running Lantern: a second launch hands its file arguments to the first (via `second-instance`, with the files
 * also sent as the lock's additional data, which survives Chromium's argv rewriting) and quits.
 */
import path from 'node:path';
import { z } from 'zod';
import { IMAGE_EXTENSIONS } from '../app/watch/patterns';

/** The part of Electron's `app` the lock uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string, additionalData: unknown) => void,
  ): unknown;
}

const IMAGE_EXT = new Set(IMAGE_EXTENSIONS.map((e) => `.${e}`));

/** Image file arguments of a command line, resolved against `cwd` (switches and the first `skip` entries left out). */
export function filesFromArgv(argv: readonly string[], cwd: string, skip: number): string[] {
  return argv
    .slice(skip)
    .filter((a) => a.length > 0 && !a.startsWith('-') && IMAGE_EXT.has(path.extname(a).toLowerCase()))
    .map((a) => path.resolve(cwd, a));
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
