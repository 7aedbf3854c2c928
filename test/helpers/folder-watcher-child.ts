/**
 * A child that watches one folder (recursively) with a FolderWatcher and prints one line per report, so that a test
 * run as root can watch as an unprivileged user, for whom permissions really apply.
 */
import { FolderWatcher } from '../../app/watch/folder-watcher';

const dir = process.argv[2]!;
const say = (...parts: string[]) => process.stdout.write(`${parts.join('\t')}\n`);
const w = new FolderWatcher(
  dir,
  { recursive: true, outDir: null, formats: ['txt'], patterns: [] },
  {
    file: (rel) => say('file', rel),
    gone: (rel) => say('gone', rel),
    ready: () => say('ready'),
    availability: (reason) => say('availability', reason ?? ''),
    error: (err) => say('error', err.message),
    polling: (message) => say('polling', message),
  },
  { stabilityMs: 100, pollMs: 100 },
);
await w.start();
// The watcher's own timer does not hold the process: while no folder is watched, this does, until the test kills it.
setInterval(() => undefined, 1 << 30);
process.on('SIGTERM', () => void w.close().then(() => process.exit(0)));
