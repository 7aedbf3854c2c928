/** Text that must stay on one line (a log line, a header or heading naming a file), whatever a file name holds. */

/**
 * `message` with its control characters escaped (`\n` as `\x0a`): a file may be named with a newline, which would
 * otherwise start a line of its own, one that could pass for a line of ours.
 */
export function oneLine(message: string): string {
  let out = '';
  for (const c of message) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return out;
}
