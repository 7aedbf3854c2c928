/**
 * The arguments as the bytes they were given in. On Linux a file name is bytes, and Node decodes every argument as
 * UTF-8, so a name that is not (an old Latin-1 archive's `r\xe9sum.jpg`) reaches process.argv with U+FFFD in it and
 * names no file; its bytes, read back from /proc/self/cmdline, still do.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { callerDir } from './args';

/** The process's command line as the kernel keeps it (Linux), empty where there is none to read. */
function readCmdline(): Buffer {
  try {
    return readFileSync('/proc/self/cmdline');
  } catch {
    return Buffer.alloc(0); // not Linux: arguments there are Unicode, and Node's strings are them
  }
}

/**
 * The arguments among `args` (process.argv without node and script) whose bytes in `cmdline` are not UTF-8, by the
 * string Node made of them. A string that two different byte strings both decode to is left out: it names neither.
 */
export function rawArgBytes(
  args: readonly string[],
  cmdline: Buffer = readCmdline(),
): ReadonlyMap<string, Buffer> {
  const parts: Buffer[] = [];
  for (let start = 0, i = cmdline.indexOf(0); i >= 0; start = i + 1, i = cmdline.indexOf(0, start))
    parts.push(cmdline.subarray(start, i));
  // The script's arguments come last, after node's own options and the script.
  const tail = parts.slice(parts.length - args.length);
  const raw = new Map<string, Buffer>();
  if (tail.length !== args.length) return raw;
  const ambiguous = new Set<string>();
  args.forEach((arg, i) => {
    const bytes = tail[i]!;
    if (isUtf8(bytes)) return;
    if (bytes.toString('utf8') !== arg) return; // not the argument it stands beside: Node's strings stay
    const seen = raw.get(arg);
    if (seen && !seen.equals(bytes)) ambiguous.add(arg);
    raw.set(arg, bytes);
  });
  for (const arg of ambiguous) raw.delete(arg);
  return raw;
}

/** An input's path from its bytes, resolved against the caller's folder as inputPath (args.ts) resolves a string. */
export function inputPathBytes(raw: Buffer, env: NodeJS.ProcessEnv, cwd: string): Buffer {
  return path.isAbsolute(raw.toString('latin1'))
    ? raw
    : Buffer.concat([Buffer.from(`${callerDir(env, cwd)}${path.sep}`), raw]);
}
