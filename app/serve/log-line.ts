/** serve's log lines: one line per message, whatever a file name in it holds. */

/**
 * `message` with its control characters escaped (`\n` as `\x0a`): a watched file may be named with a newline, which
 * would otherwise start a line of its own, one that could pass for a log line of ours.
 */
export function oneLine(message: string): string {
  let out = '';
  for (const c of message) {
    const code = c.charCodeAt(0);
    out += code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return out;
}

/** A log line as serve writes it to stderr: time, level, message. */
export function logLine(level: string, message: string, at = new Date()): string {
  return `${at.toISOString()} ${level} ${oneLine(message)}`;
}
