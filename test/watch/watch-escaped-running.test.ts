/**
 * Names that are not valid UTF-8 while a folder is watched (docs/watch-inputs.md): chokidar never names them, so the
 * folder watcher lists the folder itself. A file so named in a polled folder (WATCH_POLLING), and a file of any name
 * in a sub-folder whose own name is not UTF-8, must be reported while watching runs, not only at the next start.
 * Real folders made with Buffer paths; every wait is on a watcher report.
 */
import assert from 'node:assert/strict';
import fs, { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FolderWatcher } from '../../app/watch/folder-watcher';
import type { FolderWatcherHandlers } from '../../app/watch/folder-watcher-types';
import { PLATE, tempDir } from './helpers';

/** `dir`/`name` as raw bytes: `name`'s text with `bytes` spliced in at each "%". */
const rawPath = (dir: string, name: string, bytes: number) =>
  Buffer.concat(
    name
      .split('%')
      .flatMap((part, i) =>
        i === 0 ? [Buffer.from(`${dir}/${part}`)] : [Buffer.from([bytes]), Buffer.from(part)],
      ),
  );

/** A watcher's reports as lines (`file\trel`, `gone\trel`, `ready`, `polling`), and a wait for one of them. */
function recorder() {
  const lines: string[] = [];
  const waiters: { line: string; resolve: () => void }[] = [];
  const say = (line: string) => {
    lines.push(line);
    for (const w of waiters.splice(0))
      if (w.line === line) w.resolve();
      else waiters.push(w);
  };
  const handlers: FolderWatcherHandlers = {
    file: (rel) => say(`file\t${rel}`),
    gone: (rel) => say(`gone\t${rel}`),
    ready: () => say('ready'),
    availability: () => {},
    error: (err) => say(`error\t${err.message}`),
    polling: () => say('polling'),
  };
  /** Resolves once `line` is reported (at once if it already was). */
  const next = (line: string) =>
    lines.includes(line)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ line, resolve }));
  return { lines, handlers, next, forget: () => lines.splice(0) };
}

const options = { recursive: true, outDir: null, formats: ['txt' as const], patterns: [] };

describe('watch: names that are not UTF-8 while watching', () => {
  it(
    'a polled folder reports such a file dropped later, in it and in such a sub-folder, and its deletion',
    { timeout: 30_000 },
    async () => {
      const { dir, cleanup } = tempDir();
      const realWatch = fs.watch;
      let polling = false;
      // No inotify for this folder, as when the system's limit is reached: the watcher must fall back to polling.
      (fs as { watch: typeof fs.watch }).watch = ((p: fs.PathLike, ...rest: unknown[]) => {
        if (!polling && String(p).startsWith(dir))
          throw Object.assign(new Error('too many open files'), { code: 'EMFILE' });
        return (realWatch as (...a: unknown[]) => fs.FSWatcher)(p, ...rest);
      }) as typeof fs.watch;
      syncBuiltinESMExports(); // chokidar's ESM build imports { watch } from 'fs'
      const r = recorder();
      const w = new FolderWatcher(
        dir,
        options,
        { ...r.handlers, polling: () => ((polling = true), r.handlers.polling('')) },
        { stabilityMs: 100, pollMs: 100 },
      );
      try {
        mkdirSync(rawPath(dir, 'sub%', 0xe9));
        writeFileSync(rawPath(dir, 'pre%.jpg', 0xe9), PLATE);
        await w.start();
        await r.next('polling');
        await r.next('ready');
        const late = rawPath(dir, 'caf%.jpg', 0xe9);
        writeFileSync(late, PLATE);
        writeFileSync(rawPath(dir, 'sub%/inner.jpg', 0xe9), PLATE);
        await r.next('file\tcaf\\xE9.jpg');
        await r.next('file\tsub\\xE9/inner.jpg');
        unlinkSync(late);
        await r.next('gone\tcaf\\xE9.jpg');
        // Each listing that found the others saw this one unchanged: it is not reported again.
        assert.equal(r.lines.filter((l) => l === 'file\tpre\\xE9.jpg').length, 1, r.lines.join('\n'));
        assert.ok(!r.lines.some((l) => l.startsWith('error')), r.lines.join('\n'));
      } finally {
        (fs as { watch: typeof fs.watch }).watch = realWatch;
        syncBuiltinESMExports();
        await w.close();
        cleanup();
      }
    },
  );

  it(
    'a watched folder reports files dropped into a sub-folder whose name is not UTF-8, old or new',
    { timeout: 30_000 },
    async () => {
      const { dir, cleanup } = tempDir();
      const r = recorder();
      const w = new FolderWatcher(dir, options, r.handlers, { stabilityMs: 100, pollMs: 100 });
      try {
        mkdirSync(rawPath(dir, 'old%', 0xe9));
        writeFileSync(path.join(dir, 'plain.jpg'), PLATE);
        await w.start();
        await r.next('ready');
        writeFileSync(rawPath(dir, 'old%/a.jpg', 0xe9), PLATE);
        await r.next('file\told\\xE9/a.jpg');
        mkdirSync(rawPath(dir, 'new%', 0xdf));
        mkdirSync(rawPath(dir, 'new%/deeper', 0xdf));
        writeFileSync(rawPath(dir, 'new%/deeper/b.jpg', 0xdf), PLATE);
        await r.next('file\tnew\\xDF/deeper/b.jpg');
        // A sub-folder made earlier gets a file later: its own watch, not the listing that found it, reports it.
        writeFileSync(rawPath(dir, 'new%/c.jpg', 0xdf), PLATE);
        await r.next('file\tnew\\xDF/c.jpg');
        unlinkSync(rawPath(dir, 'old%/a.jpg', 0xe9));
        await r.next('gone\told\\xE9/a.jpg');
        // Deleted and made again at once: the new folder is watched, not the dead watch of the old one.
        rmSync(rawPath(dir, 'old%', 0xe9), { recursive: true });
        mkdirSync(rawPath(dir, 'old%', 0xe9));
        writeFileSync(rawPath(dir, 'old%/again.jpg', 0xe9), PLATE);
        await r.next('file\told\\xE9/again.jpg');
        writeFileSync(rawPath(dir, 'old%/later.jpg', 0xe9), PLATE);
        await r.next('file\told\\xE9/later.jpg');
        assert.ok(!r.lines.some((l) => l.startsWith('error')), r.lines.join('\n'));
      } finally {
        await w.close();
        cleanup();
      }
    },
  );
});
