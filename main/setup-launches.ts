/**
 * Launches of the app: one instance holds the lock, and a second launch's files (or macOS open-file) are handed to it.
 * Those that come before the window can take them wait; one while quitting starts the app again once it is gone.
 */
import { app, dialog } from 'electron';
import type { FileLog } from './log';
import { openFiles, type OpenFilesDeps } from './open-files';
import { filesFromArgv, relaunchArgs, setupSingleInstance } from './single-instance';

/** Where launches go once the window can take them. */
export interface LaunchTarget extends OpenFilesDeps {
  readonly isQuitting: () => boolean;
  readonly log: FileLog;
}

/** The app's launches, handed to `ready` once it has a window. */
export interface Launches {
  /** From now on files open in the window; the command line's files and every launch since are opened now. */
  ready(target: LaunchTarget): void;
}

/** Takes the single-instance lock (quits without it) and runs `start` when the app is ready. */
export function setupLaunches(start: (launches: Launches) => void): void {
  const skip = process.defaultApp ? 2 : 1;
  // Launches handed over before the app was ready, each with its files: one without files still brings the window
  // forward once there is one.
  const early: string[][] = [];
  let handOff: (files: string[]) => void = (files) => void early.push(files);
  const gotLock = setupSingleInstance({
    app,
    argv: process.argv,
    cwd: process.cwd(),
    skip,
    onSecondInstance: (files) => handOff(files),
  });
  if (!gotLock) return app.quit();
  app.on('open-file', (event, file) => {
    event.preventDefault();
    handOff([file]);
  });
  const ready = (t: LaunchTarget): void => {
    // While quitting (the engine and watchers stopping) a launch still lands here: the app starts again once it is gone.
    handOff = (files) => {
      if (!t.isQuitting()) return void openFiles({ showWindow: t.showWindow, grants: t.grants }, files);
      t.log('info', 'launched while quitting: starting again once stopped');
      app.relaunch({
        args: relaunchArgs(process.argv, skip, files),
        // An AppImage's executable lives on a mount that goes with this process.
        ...(process.env.APPIMAGE ? { execPath: process.env.APPIMAGE } : {}),
      });
    };
    const initialFiles = filesFromArgv(process.argv, process.cwd(), skip);
    const earlyLaunches = early.splice(0);
    // Files on the first command line, or any launch since: shown even when this one started hidden.
    if (initialFiles.length > 0 || earlyLaunches.length > 0)
      handOff([...initialFiles, ...earlyLaunches.flat()]);
  };
  app
    .whenReady()
    .then(() => start({ ready }))
    .catch((err: unknown) => {
      dialog.showErrorBox('Lantern OCR could not start', (err as Error).stack ?? String(err));
      app.exit(1);
    });
}
