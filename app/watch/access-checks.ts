/** Permission checks without throwing: a watcher asks them again and again, and a denial is an answer, not an error. */
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';

/** Whether this process may list folder `d` and reach what is in it. */
export const readableDir = (d: string) =>
  access(d, constants.R_OK | constants.X_OK).then(
    () => true,
    () => false,
  );

/** Whether this process may read `file`. */
export const readable = (file: string | Buffer) =>
  access(file, constants.R_OK).then(
    () => true,
    () => false,
  );
