/**
 * A child for test/watch/watch-limit.test.ts: takes every free file descriptor (so inotify cannot start: EMFILE),
 * then watches a folder; when the watcher falls back to polling it gives the descriptors back. One line per event.
 */
import { closeSync, openSync } from 'node:fs';
import { FolderWatcher } from '../../app/watch/folder-watcher';

const dir = process.argv[2]!;
const held: number[] = [];
for (;;) {
  try {
    held.push(openSync('/dev/null', 'r'));
  } catch {
    break;
  }
}
const say = (...parts: string[]) => process.stdout.write(`${parts.join('\t')}\n`);
say('full', String(held.length));
const w = new FolderWatcher(
  dir,
  { recursive: false, outDir: null, formats: ['txt'], patterns: [] },
  {
    file: (rel) => say('file', rel),
    gone: (rel) => say('gone', rel),
    ready: () => say('ready'),
    availability: (reason) => say('availability', reason ?? ''),
    error: (err) => say('error', (err as NodeJS.ErrnoException).code ?? err.message),
    polling: (message) => {
      for (const fd of held.splice(0)) closeSync(fd);
      say('polling', message);
    },
  },
  { stabilityMs: 200, pollMs: 200 },
);
w.start();
process.on('SIGTERM', () => void w.close().then(() => process.exit(0)));
