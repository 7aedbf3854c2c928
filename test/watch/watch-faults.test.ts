/**
 * Bad input and faults, on real temporary folders with the real models: corrupt, empty, non-image and unreadable
 * files, symbolic-link loops, non-ASCII and very long names, a file deleted before it is read, a watched folder
 * removed and recreated, an output folder that cannot be written. Each is recorded or reported; the rest go on.
 */
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { watchOptionsSchema } from '../../app/contracts/lantern-api';
import type { OcrService } from '../../app/engine/ocr-service';
import { outputPath } from '../../app/watch/outputs';
import {
  harness,
  useInProcessService,
  isRoot,
  PLATE,
  PLATE_TEXT,
  plateVariant,
  spyService,
  startRunner,
  tempDir,
  waitFor,
} from './helpers';

const service = useInProcessService();

const txtBeside = (dir: string, rel: string) =>
  readFileSync(outputPath(dir, watchOptionsSchema.parse({}), rel, 'txt'), 'utf8');

describe('watch: bad input', () => {
  it('records corrupt, empty, non-image and unreadable files as failed; odd names and link loops do not stop the rest', async (t) => {
    const { dir, cleanup } = tempDir();
    const h = harness(service(), ':memory:');
    try {
      mkdirSync(path.join(dir, 'sub'));
      symlinkSync('..', path.join(dir, 'sub', 'up')); // a folder link loop (never followed)
      symlinkSync('loop.jpg', path.join(dir, 'loop.jpg')); // a file link loop
      await h.manager.start();
      const folder = await h.manager.add(dir, { recursive: true });
      const good = {
        'good.jpg': plateVariant('good'),
        'sub/nested.jpg': plateVariant('nested'),
        '中文 名字 émoji 🖼.jpg': plateVariant('unicode'),
        [`${'長'.repeat(83)}.jpg`]: plateVariant('long'), // 253-byte name: its outputs need shortened names
      };
      const bad = {
        'corrupt.jpg': Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)),
        // Cut inside its header: no picture to read (one cut later is read as far as it goes, watch-writer.test.ts).
        'truncated.jpg': PLATE.subarray(0, 400),
        'empty.png': Buffer.alloc(0),
        'notes.png': Buffer.from('this is a text file, not an image\n'),
      };
      for (const [name, bytes] of Object.entries({ ...bad, ...good }))
        writeFileSync(path.join(dir, name), bytes);
      const locked = path.join(dir, 'locked.jpg');
      writeFileSync(locked, plateVariant('locked'));
      chmodSync(locked, 0o000);

      await waitFor(() => {
        const c = h.ledger.counts(folder.id);
        return c.queued + c.running === 0 && c.done + c.failed >= 10;
      }, 'all files settled');
      const failed = new Map(h.manager.failed().map((f) => [path.relative(dir, f.path), f]));
      assert.equal(failed.get('corrupt.jpg')?.code, 'BAD_IMAGE');
      assert.equal(failed.get('truncated.jpg')?.code, 'BAD_IMAGE');
      assert.equal(failed.get('empty.png')?.code, 'EMPTY_INPUT');
      assert.equal(failed.get('notes.png')?.code, 'BAD_IMAGE');
      assert.match(failed.get('notes.png')!.message, /not a readable image/);
      for (const rel of Object.keys(good)) assert.equal(txtBeside(dir, rel), `${PLATE_TEXT}\n`, rel);
      const longOut = path.basename(
        outputPath(dir, watchOptionsSchema.parse({}), Object.keys(good)[3]!, 'txt'),
      );
      assert.ok(Buffer.byteLength(longOut) <= 255);
      if (isRoot()) {
        t.diagnostic(
          'running as root: chmod 000 does not stop root from reading, so EACCES cannot be produced here',
        );
        assert.equal(h.ledger.file(folder.id, 'locked.jpg')?.state, 'done');
      } else {
        assert.equal(failed.get('locked.jpg')?.code, 'FILE_UNREADABLE');
      }
      // chokidar does not report a self-referencing link; the watcher's own listing does, and it fails with why.
      assert.equal(failed.get('loop.jpg')?.code, 'FILE_UNREADABLE');
      assert.match(failed.get('loop.jpg')!.message, /symbolic link loop/);
      assert.ok(!h.ledger.files(folder.id).some((r) => r.path.startsWith(path.join('sub', 'up'))));

      // The queue is not blocked: a file added after the failures is done.
      const later = path.join(dir, 'later.jpg');
      writeFileSync(later, plateVariant('later'));
      await h.waitDone(later);
      assert.equal(txtBeside(dir, 'later.jpg'), `${PLATE_TEXT}\n`);
      // A fixed file is retried by itself (new content); a failed one can also be retried by hand.
      writeFileSync(
        path.join(dir, 'empty.png'),
        await (await import('sharp')).default(PLATE).png().toBuffer(),
      );
      await h.waitDone(path.join(dir, 'empty.png'));
      const notes = failed.get('notes.png')!;
      h.manager.retry(notes.id);
      await waitFor(() => h.ledger.fileById(Number(notes.id))?.attempts === 2, 'retried');
    } finally {
      await h.close();
      chmodSync(path.join(dir, 'locked.jpg'), 0o644);
      cleanup();
    }
  });

  it('records a file deleted before it is read as FILE_NOT_FOUND (batch), and goes on', async () => {
    const { dir, cleanup } = tempDir();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const gated: OcrService = {
      ...spyService(service()),
      recognize: async (input, options, submit) => {
        if (calls++ === 0) await gate;
        return service().recognize(input, options, submit);
      },
    };
    const h = harness(gated, ':memory:', { concurrency: 1 });
    try {
      for (const n of ['a-first.jpg', 'b-victim.jpg', 'c-last.jpg'])
        writeFileSync(path.join(dir, n), plateVariant(n));
      await h.manager.start();
      const job = await h.manager.batch(dir, { outDir: path.join(dir, 'out') });
      await waitFor(() => calls === 1, 'the first file at the engine');
      unlinkSync(path.join(dir, 'b-victim.jpg'));
      release();
      const end = await job.ended;
      assert.equal(end.state, 'finished');
      assert.deepEqual([end.done, end.failed, end.total], [2, 1, 3]);
      const [f] = h.manager.failed();
      assert.equal(f!.code, 'FILE_NOT_FOUND');
      assert.equal(path.basename(f!.path), 'b-victim.jpg');
      assert.ok(existsSync(path.join(dir, 'out', 'c-last.jpg.txt')));
    } finally {
      await h.close();
      cleanup();
    }
  });
});

describe('watch: unreadable file', () => {
  it('records a file without read permission as FILE_UNREADABLE and reads it once readable (as an unprivileged user when run as root)', async (t) => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    mkdirSync(inDir);
    writeFileSync(path.join(inDir, 'good.jpg'), plateVariant('good'));
    writeFileSync(path.join(inDir, 'locked.jpg'), plateVariant('locked'));
    chmodSync(path.join(inDir, 'locked.jpg'), 0o000);
    chmodSync(root, 0o777); // the unprivileged runner writes its outputs and ledger here
    const uid = isRoot() ? 65534 : undefined;
    if (uid !== undefined)
      t.diagnostic('running as root: the runner runs as uid 65534 so that EACCES really happens');
    const args = ['--watch', inDir, '--out', path.join(root, 'out'), '--db', path.join(root, 'l.db')];
    const run = startRunner(args, uid);
    try {
      await waitFor(
        () =>
          run.lines.some((l) => l.startsWith('failed\t')) && run.lines.some((l) => l.startsWith('done\t')),
        'both files settled',
        60000,
      );
      const failed = run.lines.find((l) => l.startsWith('failed\t'))!.split('\t');
      assert.deepEqual(failed.slice(1, 3), [path.join(inDir, 'locked.jpg'), 'FILE_UNREADABLE']);
      assert.match(failed[3]!, /permission denied/);
      assert.ok(run.lines.some((l) => l.startsWith(`done\t${path.join(inDir, 'good.jpg')}\t`)));
      // Its permissions fixed, it is read by itself: same size and mtime, but the failure was about access.
      chmodSync(path.join(inDir, 'locked.jpg'), 0o644);
      await waitFor(
        () => run.lines.some((l) => l.startsWith(`done\t${path.join(inDir, 'locked.jpg')}\t`)),
        'the unlocked file read',
        60000,
      );
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
      cleanup();
    }
  });
});

describe('watch: folder faults', () => {
  it('a folder added while it does not exist comes back paused with the reason, not as watching', async () => {
    const { dir: root, cleanup } = tempDir();
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      const added = await h.manager.add(path.join(root, 'not-yet'));
      assert.match(added.pausedReason ?? '', /unavailable: folder not found/);
      assert.equal(added.pausedCode, 'FOLDER_UNAVAILABLE');
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('with all watching paused every enabled folder says so by its code, and nothing once resumed', async () => {
    const { dir: root, cleanup } = tempDir();
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      await h.manager.add(root);
      h.manager.setPaused(true);
      const paused = h.manager.list()[0]!;
      assert.equal(paused.pausedCode, 'WATCHING_PAUSED');
      assert.equal(paused.pausedReason, 'Watching is paused');
      h.manager.setPaused(false);
      const resumed = h.manager.list()[0]!;
      assert.equal(resumed.pausedCode, null);
      assert.equal(resumed.pausedReason, null);
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('pauses a watched folder that disappears and resumes when it comes back, without redoing done files', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    const outDir = path.join(root, 'out');
    mkdirSync(inDir);
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      await h.manager.add(inDir, { outDir });
      writeFileSync(path.join(inDir, 'a.jpg'), plateVariant('a'));
      await h.waitDone(path.join(inDir, 'a.jpg'));
      rmSync(inDir, { recursive: true });
      const paused = await waitFor(() => h.manager.list()[0]!.pausedReason, 'paused (folder gone)', 10000);
      assert.match(paused, /unavailable: folder not found/);
      assert.ok(h.events.some((e) => e.type === 'folder' && e.folder.pausedReason === paused));
      mkdirSync(inDir);
      writeFileSync(path.join(inDir, 'a.jpg'), plateVariant('a'));
      writeFileSync(path.join(inDir, 'b.jpg'), plateVariant('b'));
      await waitFor(() => h.manager.list()[0]!.pausedReason === null, 'resumed', 10000);
      assert.equal((await h.waitDone(path.join(inDir, 'b.jpg'))).how, 'ocr');
      assert.equal(
        (await h.waitDone(path.join(inDir, 'a.jpg'), 2)).how,
        'unchanged',
        'same content: not redone',
      );
      assert.equal(readFileSync(path.join(outDir, 'b.jpg.txt'), 'utf8'), `${PLATE_TEXT}\n`);
      assert.deepEqual(h.manager.list()[0]!.counts, { queued: 0, done: 2, failed: 0 });
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('watches a folder deleted and made again at once (ext4 gives it the same inode number) inside again', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    mkdirSync(inDir);
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      await h.manager.add(inDir, { outDir: path.join(root, 'out') });
      writeFileSync(path.join(inDir, 'a.jpg'), plateVariant('a'));
      await h.waitDone(path.join(inDir, 'a.jpg'));
      // As `rm -rf in && mkdir in` in a script: faster than the folder's once-a-second check.
      rmSync(inDir, { recursive: true });
      mkdirSync(inDir);
      writeFileSync(path.join(inDir, 'b.jpg'), plateVariant('b'));
      await h.waitDone(path.join(inDir, 'b.jpg'));
      writeFileSync(path.join(inDir, 'c.jpg'), plateVariant('c'));
      await h.waitDone(path.join(inDir, 'c.jpg'));
      assert.deepEqual(h.manager.list()[0]!.counts, { queued: 0, done: 2, failed: 0 });
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('pauses with a clear reason when the output folder cannot be written, and resumes when it can', async () => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    const outDir = path.join(root, 'out');
    mkdirSync(inDir);
    writeFileSync(outDir, 'a regular file where the output folder should be'); // root ignores permissions
    const spy = spyService(service());
    const h = harness(spy, ':memory:');
    try {
      await h.manager.start();
      const folder = await h.manager.add(inDir, { outDir });
      assert.match(
        folder.pausedReason ?? '',
        /^Output folder .*out is not writable: EEXIST: file already exists/,
      );
      assert.equal(folder.pausedCode, 'OUTPUT_UNWRITABLE');
      writeFileSync(path.join(inDir, 'x.jpg'), plateVariant('x'));
      await waitFor(() => h.manager.list()[0]!.counts.queued === 1, 'x queued');
      assert.equal(spy.submits.length, 0, 'nothing is recognised while paused');
      unlinkSync(outDir);
      await h.waitDone(path.join(inDir, 'x.jpg'), 1, 10000);
      assert.equal(h.manager.list()[0]!.pausedReason, null);
      assert.equal(readFileSync(path.join(outDir, 'x.jpg.txt'), 'utf8'), `${PLATE_TEXT}\n`);

      // The output breaks while watching: the write fails, the folder pauses, the file stays queued (not failed).
      rmSync(outDir, { recursive: true });
      writeFileSync(outDir, 'broken again');
      writeFileSync(path.join(inDir, 'y.jpg'), plateVariant('y'));
      const reason = await waitFor(() => h.manager.list()[0]!.pausedReason, 'paused (write failed)', 10000);
      assert.match(reason, /not writable: (EEXIST|ENOTDIR): /);
      assert.deepEqual(h.manager.list()[0]!.counts, { queued: 1, done: 1, failed: 0 });
      unlinkSync(outDir);
      await h.waitDone(path.join(inDir, 'y.jpg'), 1, 10000);
      assert.equal(readFileSync(path.join(outDir, 'y.jpg.txt'), 'utf8'), `${PLATE_TEXT}\n`);
      assert.equal(
        spy.submits.length,
        2,
        'y was recognised once: its stored result was written after the pause',
      );
    } finally {
      await h.close();
      cleanup();
    }
  });
});
