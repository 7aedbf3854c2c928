/**
 * Cuts a worker's stdout or stderr into whole lines for the log: a pipe read ends anywhere, in the middle of a line or
 * of a UTF-8 character, and a native library may print a lot, or without end of line.
 */
import { StringDecoder } from 'node:string_decoder';

/** The longest line held back waiting for its end; a longer one is reported in pieces of this size. */
export const MAX_LINE_CHARS = 64 * 1024;

/** A splitter fed with the raw chunks of one stream; `end()` reports what is left when the stream closes. */
export interface OutputLines {
  push(chunk: Buffer): void;
  end(): void;
}

/** Reports each non-blank line of a byte stream to `onLine`, whatever the chunk boundaries. */
export function outputLines(onLine: (line: string) => void, maxChars = MAX_LINE_CHARS): OutputLines {
  const decoder = new StringDecoder('utf8');
  let held = '';
  const report = (line: string) => {
    if (line.trim()) onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  };
  const take = (text: string) => {
    const parts = (held + text).split('\n');
    held = parts.pop() ?? '';
    for (const line of parts) report(line);
    while (held.length > maxChars) {
      report(held.slice(0, maxChars));
      held = held.slice(maxChars);
    }
  };
  return {
    push: (chunk) => take(decoder.write(chunk)),
    end: () => {
      take(decoder.end());
      report(held);
      held = '';
    },
  };
}
