/**
 * A child for test/watch/watch-limit.test.ts: takes every free file descriptor (so inotify cannot start: EMFILE),
 * then watches a folder; when the watcher falls back to polling it gives the descriptors back. One line per event.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { FolderWatcher } from '../../app/watch/folder-watcher';

const dir = process.argv[2]!;
const held: number[] = [];
/** Takes every free descriptor. */
function fill(): void {
  for (;;) {
    try {
      held.push(fs.openSync('/dev/null', 'r'));
    } catch {
      return;
    }
  }
}
fill();
// A file the loader was still writing or reading when `fill` ran is closed later and frees a descriptor, on a busy
// machine after the watcher's first asynchronous steps; so every free one is taken again just before each watch
// starts (fs.watch creates the inotify instance synchronously), until the descriptors are given back.
const realWatch = fs.watch;
fs.watch = ((...args: Parameters<typeof fs.watch>) => {
  if (held.length > 0) fill();
  return realWatch(...args);
}) as typeof fs.watch;
syncBuiltinESMExports();
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
      for (const fd of held.splice(0)) fs.closeSync(fd);
      say('polling', message);
    },
  },
  { stabilityMs: 200, pollMs: 200 },
);
await w.start();
process.on('SIGTERM', () => void w.close().then(() => process.exit(0)));
