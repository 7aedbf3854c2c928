/** serve's log lines: one line per message, whatever a file name in it holds. */
import { oneLine } from '../contracts/one-line';

/** A log line as serve writes it to stderr: time, level, message. */
export function logLine(level: string, message: string, at = new Date()): string {
  return `${at.toISOString()} ${level} ${oneLine(message)}`;
}
