/** One rotating log file in the user-data folder for main and the engine: levels, timestamps, never image contents. */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/** Log levels. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A log function with the file it writes. */
export interface FileLog {
  (level: LogLevel, message: string, source?: string): void;
  readonly file: string;
}

/** Options of the log. */
export interface FileLogOptions {
  readonly dir: string;
  readonly name?: string;
  /** Rotate when the file would pass this size. */
  readonly maxBytes?: number;
  /** Rotated files kept (name.1 … name.N). */
  readonly keep?: number;
  /** Also print to stderr (development). */
  readonly echo?: boolean;
}

/** Creates the log; writes never throw (a full disk must not take the app down). */
export function createFileLog(o: FileLogOptions): FileLog {
  const file = path.join(o.dir, o.name ?? 'lantern.log');
  const maxBytes = o.maxBytes ?? 5 * 1024 * 1024;
  const keep = Math.max(1, o.keep ?? 3);
  let size = 0;
  try {
    mkdirSync(o.dir, { recursive: true });
    size = statSync(file).size;
  } catch {
    size = 0;
  }
  const rotate = () => {
    rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      } catch {
        // that generation does not exist yet
      }
    }
    renameSync(file, `${file}.1`);
    size = 0;
  };
  const log = (level: LogLevel, message: string, source = 'main') => {
    const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${source}] ${message.replace(/\r?\n/g, ' ⏎ ')}\n`;
    if (o.echo) process.stderr.write(line);
    try {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > maxBytes) {
        try {
          rotate();
        } catch {
          // an old file held open elsewhere (Windows) blocks the rotation: a longer file beats losing every later line
        }
      }
      appendFileSync(file, line);
      size += bytes;
    } catch {
      // logging is best effort
    }
  };
  return Object.assign(log, { file });
}
