/**
 * chokidar lists a folder before it starts watching it: a file written in that gap (a few milliseconds, longer on a
 * loaded machine) got no event and was never read. Here the gap is forced: the file is written just before chokidar's
 * fs.watch of the folder is set up, and the folder watcher must still report it.
 */
import assert from 'node:assert/strict';
import fs, { copyFileSync, mkdirSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FolderWatcher } from '../../app/watch/folder-watcher';
import { fixture } from '../helpers/fixtures';
import { tempDir, waitFor } from './helpers';

describe('watch: a file written while the watcher starts', () => {
  it('is reported although it fell between the first listing and the start of watching', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    mkdirSync(inDir);
    const realWatch = fs.watch;
    let injected = false;
    // Write the file right before chokidar's fs.watch of the folder, after its first listing.
    (fs as { watch: typeof fs.watch }).watch = ((p: fs.PathLike, ...rest: unknown[]) => {
      if (!injected && path.resolve(String(p)) === inDir) {
        injected = true;
        copyFileSync(fixture('plate_000.jpg'), path.join(inDir, 'gap.jpg'));
      }
      return (realWatch as (...a: unknown[]) => fs.FSWatcher)(p, ...rest);
    }) as typeof fs.watch;
    syncBuiltinESMExports(); // chokidar's ESM build imports { watch } from 'fs'
    const files: string[] = [];
    let readySeen: readonly string[] | undefined;
    const w = new FolderWatcher(
      inDir,
      { recursive: false, outDir: null, formats: ['txt'], patterns: [] },
      {
        file: (rel) => files.push(rel),
        gone: () => {},
        ready: (seen) => (readySeen = [...seen]),
        availability: () => {},
        error: (err) => assert.fail(err),
        polling: (m) => assert.fail(m),
      },
      { stabilityMs: 100, pollMs: 100 },
    );
    try {
      await w.start();
      await waitFor(() => readySeen, 'the first scan');
      assert.ok(injected, 'the file was written in the gap');
      assert.deepEqual(files, ['gap.jpg']);
      assert.deepEqual(readySeen, ['gap.jpg']);
    } finally {
      (fs as { watch: typeof fs.watch }).watch = realWatch;
      syncBuiltinESMExports();
      await w.close();
      cleanup();
    }
  });
});
