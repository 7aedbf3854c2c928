/** What the batch runner does with a file whose processing threw: one decision per error, as plain data. */
import { toWireError } from '../contracts/errors';
import { isFolderLevelWriteError } from './outputs';
import { TRANSIENT } from './recognize-file';

/** Attempts after which a file whose engine errors were transient is failed anyway. */
export const MAX_ATTEMPTS = 5;

/** An output write that failed: told apart from the input's own errors, which fail the file. */
export class OutputError extends Error {
  constructor(override readonly cause: unknown) {
    super((cause as Error).message);
  }
}

/** Whether an error could come from reading a file before its writer finished (its content, not the engine or disk). */
export function mayBeHalfWritten(err: unknown): boolean {
  if (err instanceof OutputError) return false;
  const code = toWireError(err).code;
  return code !== 'CANCELLED' && !TRANSIENT.has(code) && !code.startsWith('FILE_');
}

/** A file's failure as recorded: an engine or document code, or OUTPUT_UNWRITABLE (the watch's own). */
export interface FileError {
  readonly code: string;
  readonly message: string;
}

/** The runner's next step for a failed file. */
export type FailureAction =
  /** Its writer is still at work: read it again later, neither failed nor reported as bad. */
  | { readonly kind: 'writing' }
  /** The output folder as a whole cannot be written: pause the folder, keep the file queued. */
  | { readonly kind: 'output-folder'; readonly code: string; readonly cause: unknown }
  /** Cancelled, or the engine away for now: back to the queue (`retry`: after a pause). */
  | { readonly kind: 'requeue'; readonly error: FileError; readonly retry: boolean }
  /** The file's own failure, recorded with its code. */
  | { readonly kind: 'fail'; readonly error: FileError };

/** Decides what a failure means for the file, from the error, its attempts so far and whether its writer went on. */
export function failureAction(err: unknown, attempts: number, writing: boolean): FailureAction {
  if (writing) return { kind: 'writing' };
  if (err instanceof OutputError && isFolderLevelWriteError(err.cause))
    return { kind: 'output-folder', code: (err.cause as NodeJS.ErrnoException).code ?? '', cause: err.cause };
  const error: FileError =
    err instanceof OutputError
      ? { code: 'OUTPUT_UNWRITABLE', message: `cannot write the output: ${err.message}` }
      : toWireError(err);
  if (error.code === 'CANCELLED') return { kind: 'requeue', error, retry: false };
  if (TRANSIENT.has(error.code) && attempts < MAX_ATTEMPTS) return { kind: 'requeue', error, retry: true };
  return { kind: 'fail', error };
}
