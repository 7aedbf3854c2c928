/**
 * stdout as the CLI's results go out: every write is checked. `console.log` drops write errors, so a full disk or a
 * closed pipe lost the results with exit 0; here the first error is kept and the run told to stop.
 */
import type { Writable } from 'node:stream';

/** The CLI's result stream and what became of it. */
export interface ResultOut {
  /** Writes one line of results (a no-op once the stream failed). */
  line(text: string): void;
  /** Aborted once the stream cannot be written any more. */
  readonly signal: AbortSignal;
  /** The first write error, if any: EPIPE when the reader left (`| head`), ENOSPC on a full disk, … */
  failure(): NodeJS.ErrnoException | undefined;
}

/** Watches `stream` (stdout) for write errors and writes lines to it. */
export function resultOut(stream: Writable = process.stdout): ResultOut {
  const ac = new AbortController();
  let failure: NodeJS.ErrnoException | undefined;
  const fail = (err: NodeJS.ErrnoException) => {
    failure ??= err;
    ac.abort();
  };
  stream.on('error', fail);
  return {
    line(text) {
      if (failure) return;
      try {
        stream.write(`${text}\n`);
      } catch (err) {
        fail(err as NodeJS.ErrnoException);
      }
    },
    signal: ac.signal,
    failure: () => failure,
  };
}

/**
 * The exit code and message once results could not be written: a reader that left (EPIPE, `| head -1`) chose to
 * stop, which is no error (the code the inputs earned stands); anything else lost results: exit 1, and why.
 */
export function outputFailure(err: NodeJS.ErrnoException, code: number): { code: number; message?: string } {
  if (err.code === 'EPIPE') return { code };
  return { code: 1, message: `lantern: results could not be written to stdout: ${err.message}` };
}

/**
 * Prints `text` (help, version) on stdout, then exits with `code`; with 1 and why when stdout cannot take it (a full
 * disk), as results do: `console.log` drops the write error, and a help that never arrived would exit 0.
 */
export function printThenExit(text: string, code: number, stream: Writable = process.stdout): void {
  const done = (err: NodeJS.ErrnoException | null | undefined) => {
    const out = err ? outputFailure(err, code) : { code };
    if (out.message !== undefined) process.stderr.write(`${out.message}\n`);
    process.exit(out.code);
  };
  stream.once('error', done);
  stream.write(`${text}\n`, done);
}

/**
 * Keeps a stderr whose reader left (`lantern … 2>&1 >out | head -1`) from ending the run: the messages it can no longer
 * take are dropped, and every result still goes to stdout. Unwatched, a second write into the closed pipe throws EPIPE
 * as an uncaught error (at times an abort) and loses the results of the inputs after it.
 */
export function tolerateLostStderr(stream: Writable = process.stderr): void {
  stream.on('error', () => {});
}
