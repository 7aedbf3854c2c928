/**
 * Inputs from users' folders are untrusted (docs/watch-inputs.md), on real temporary folders with the real models:
 * bad patterns are refused with their reason and never saved, a saved one is reported and skipped, a bad batch
 * leaves no job behind; FIFOs, sockets and devices are refused without blocking; links out of the folder are not
 * followed; output folders are confined.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, it } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import { watchOptionsSchema } from '../../app/contracts/lantern-api';
import { outputPath } from '../../app/watch/outputs';
import { harness, isRoot, PLATE_TEXT, plateVariant, tempDir, useInProcessService, waitFor } from './helpers';

const service = useInProcessService();

const coded = (code: string, message: RegExp) => (e: unknown) =>
  e instanceof LanternError && e.code === code && message.test(e.message);
const txtOf = (dir: string, rel: string) => outputPath(dir, watchOptionsSchema.parse({}), rel, 'txt');

describe('watch inputs: patterns', () => {
  it('refuses an invalid pattern with its reason (watch and batch), saves nothing, and later batches run', async () => {
    const { dir, cleanup } = tempDir();
    const h = harness(service(), ':memory:');
    try {
      writeFileSync(path.join(dir, 'a.jpg'), plateVariant('a'));
      await h.manager.start();
      for (const [bad, why] of [
        ['}', /"}" at 1 has no "{"/],
        ['[z-a].jpg', /range "z-a" is out of order/],
        ['{a,b', /never closed/],
        ['sub/*.jpg', /cannot hold "\/"/],
      ] as const) {
        await assert.rejects(h.manager.add(dir, { patterns: ['*.jpg', bad] }), coded('BAD_PATTERN', why));
        await assert.rejects(h.manager.batch(dir, { patterns: [bad] }), coded('BAD_PATTERN', why));
      }
      assert.deepEqual(h.manager.list(), [], 'a bad pattern is never saved');
      assert.deepEqual(h.ledger.folders.list(), []);
      const job = await h.manager.batch(dir, { patterns: ['*.{JPG,png}'] });
      const end = await job.ended;
      assert.equal(end.state, 'finished');
      assert.equal(end.done, 1);
    } finally {
      await h.close();
      cleanup();
    }
  });

  it('reports a bad pattern saved by an older version and skips that folder; start-up and the others go on', async () => {
    const { dir: root, cleanup } = tempDir();
    const db = path.join(root, 'ledger.db');
    const [bad, good] = ['bad', 'good'].map((n) => path.join(root, n));
    for (const d of [bad!, good!]) mkdirSync(d);
    writeFileSync(path.join(bad!, 'x.jpg'), plateVariant('x'));
    writeFileSync(path.join(good!, 'y.jpg'), plateVariant('y'));
    const old = harness(service(), db);
    old.ledger.folders.add(bad!, watchOptionsSchema.parse({ patterns: ['[z-a]'] }), 'watch'); // as an older build saved it
    old.ledger.close();
    const h = harness(service(), db);
    try {
      await h.manager.start();
      await h.manager.add(good!);
      await h.waitDone(path.join(good!, 'y.jpg'));
      const badView = h.manager.list().find((f) => f.dir === bad)!;
      assert.match(
        badView.pausedReason ?? '',
        /invalid file pattern "\[z-a\]": the range "z-a" is out of order/,
      );
      assert.equal(existsSync(txtOf(bad!, 'x.jpg')), false, 'the bad folder is skipped');
      // Fixing its patterns clears the reason and runs it.
      await h.manager.add(bad!, { patterns: ['*.jpg'] });
      await h.waitDone(path.join(bad!, 'x.jpg'));
      assert.equal(h.manager.list().find((f) => f.dir === bad)!.pausedReason, null);
    } finally {
      await h.close();
      cleanup();
    }
  });
});

describe('watch inputs: only regular files inside the folder', () => {
  it('refuses FIFOs, sockets and devices without blocking, and links that leave the folder; the rest are read', async () => {
    const { dir: root, cleanup } = tempDir();
    const dir = path.join(root, 'in');
    const outside = path.join(root, 'outside');
    mkdirSync(dir);
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'secret.jpg'), plateVariant('secret'));
    writeFileSync(path.join(dir, 'good.jpg'), plateVariant('good'));
    execFileSync('mkfifo', [path.join(dir, 'pipe.jpg')]);
    symlinkSync('pipe.jpg', path.join(dir, 'pipe-link.jpg')); // a scan lists links: the batch path meets it too
    symlinkSync(path.join(outside, 'secret.jpg'), path.join(dir, 'secret-link.jpg'));
    symlinkSync('../outside/secret.jpg', path.join(dir, 'relative-link.jpg'));
    symlinkSync('good.jpg', path.join(dir, 'inside-link.jpg')); // stays inside: read
    if (isRoot()) execFileSync('mknod', [path.join(dir, 'null.jpg'), 'c', '1', '3']);
    const sock = createServer();
    await new Promise<void>((r) => sock.listen(path.join(dir, 'sock.jpg'), r));
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      const job = await h.manager.batch(dir);
      const end = await job.ended;
      const failed = new Map(h.manager.failed().map((f) => [path.basename(f.path), f]));
      for (const name of ['pipe-link.jpg', 'secret-link.jpg', 'relative-link.jpg'])
        assert.equal(failed.get(name)?.code, 'FILE_UNREADABLE', name);
      assert.match(failed.get('pipe-link.jpg')!.message, /named pipe/);
      assert.match(failed.get('secret-link.jpg')!.message, /outside the watched folder/);
      assert.match(failed.get('relative-link.jpg')!.message, /outside the watched folder/);
      assert.equal(existsSync(txtOf(dir, 'secret-link.jpg')), false, 'no text of an outside file is written');
      assert.equal(end.done, 2, 'good.jpg and inside-link.jpg');
      assert.equal(readFileSync(txtOf(dir, 'inside-link.jpg'), 'utf8'), `${PLATE_TEXT}\n`);

      // Watching meets the special files themselves (chokidar reports them; a scan lists regular files and links).
      const watched = await h.manager.add(dir);
      const special = isRoot() ? ['pipe.jpg', 'sock.jpg', 'null.jpg'] : ['pipe.jpg', 'sock.jpg'];
      await waitFor(
        () => special.every((n) => h.manager.failed().some((f) => path.basename(f.path) === n)),
        `${special.join(', ')} failed`,
      );
      const byName = new Map(h.manager.failed().map((f) => [path.basename(f.path), f]));
      assert.match(byName.get('pipe.jpg')!.message, /named pipe/);
      assert.match(byName.get('sock.jpg')!.message, /not a regular file|socket/);
      if (isRoot()) assert.match(byName.get('null.jpg')!.message, /a device/);
      // The engine's threads were not blocked by the FIFO: a new file is still read.
      writeFileSync(path.join(dir, 'late.jpg'), plateVariant('late'));
      await h.waitDone(path.join(dir, 'late.jpg'));
      assert.equal(h.ledger.counts(watched.id).queued, 0);
    } finally {
      sock.close();
      await h.close();
      cleanup();
    }
  });
});

describe('watch inputs: a watched folder reached through a symbolic link', () => {
  it('reads the files written into it after watching starts, and never fails the folder itself as a file', async () => {
    const { dir: root, cleanup } = tempDir();
    const real = path.join(root, 'real');
    const linked = path.join(root, 'linked'); // as ~/Scans -> /mnt/nas/scans, or /tmp -> /private/tmp on macOS
    mkdirSync(real);
    symlinkSync(real, linked);
    writeFileSync(path.join(real, 'before.jpg'), plateVariant('before'));
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      const watched = await h.manager.add(linked, { outDir: path.join(root, 'out') });
      await h.waitDone(path.join(linked, 'before.jpg'));
      writeFileSync(path.join(real, 'after.jpg'), plateVariant('after'));
      await h.waitDone(path.join(linked, 'after.jpg'));
      assert.deepEqual(h.manager.failed(), []);
      assert.deepEqual(h.ledger.counts(watched.id), { queued: 0, running: 0, done: 2, failed: 0 });
    } finally {
      await h.close();
      cleanup();
    }
  });
});

describe('watch inputs: hidden files', () => {
  it("hidden files and folders are neither read nor failed: macOS's ._ forks, a desktop's trash, a dotfile", async () => {
    const { dir, cleanup } = tempDir();
    writeFileSync(path.join(dir, 'scan.jpg'), plateVariant('scan'));
    writeFileSync(path.join(dir, '._scan.jpg'), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0, 0x4d, 0x61, 0x63]));
    writeFileSync(path.join(dir, '.hidden.jpg'), plateVariant('hidden'));
    mkdirSync(path.join(dir, '.Trash-1000'));
    writeFileSync(path.join(dir, '.Trash-1000', 'old.jpg'), plateVariant('old'));
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'inner.jpg'), plateVariant('inner'));
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      const end = await (await h.manager.batch(dir, { recursive: true })).ended;
      assert.equal(end.done, 2, 'scan.jpg and sub/inner.jpg');
      assert.deepEqual(h.manager.failed(), []);
      // Watching: a hidden file dropped in later is not taken either; a visible one is.
      const watched = await h.manager.add(dir, { recursive: true });
      writeFileSync(path.join(dir, '._late.jpg'), Buffer.from('fork'));
      writeFileSync(path.join(dir, 'late.jpg'), plateVariant('late'));
      await h.waitDone(path.join(dir, 'late.jpg'));
      assert.deepEqual(h.manager.failed(), []);
      assert.equal(existsSync(txtOf(dir, '._late.jpg')), false);
      assert.equal(h.ledger.counts(watched.id).failed, 0);
    } finally {
      await h.close();
      cleanup();
    }
  });
});

describe('watch inputs: output folders', () => {
  it('refuses relative, system, same-as-input and enclosing output folders (also through links); saves nothing', async () => {
    const { dir: root, cleanup } = tempDir();
    const dir = path.join(root, 'in');
    mkdirSync(dir);
    symlinkSync('/etc', path.join(root, 'etc-link'));
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      for (const [outDir, why] of [
        ['out', /must be an absolute path/],
        ['/etc/lantern', /system location \/etc/],
        ['/usr/share/lantern', /system location \/usr/],
        ['/proc/self', /system location \/proc/],
        ['/', /system location \/$/],
        [path.join(root, 'etc-link', 'x'), /system location \/etc/],
        [dir, /watched folder itself/],
        [root, /holds the watched folder/],
      ] as const) {
        await assert.rejects(h.manager.add(dir, { outDir }), coded('BAD_OUTPUT_FOLDER', why), outDir);
        await assert.rejects(h.manager.batch(dir, { outDir }), coded('BAD_OUTPUT_FOLDER', why), outDir);
      }
      await assert.rejects(h.manager.add('relative/in'), coded('BAD_REQUEST', /absolute path/));
      assert.deepEqual(h.ledger.folders.list(), []);
      assert.equal(existsSync('/etc/lantern'), false);
      // A sub-folder of the watched folder is fine (it is never read back) and so is a sibling.
      for (const ok of [path.join(dir, 'ocr'), path.join(root, 'out')])
        assert.equal((await h.manager.add(dir, { outDir: ok })).options.outDir, ok);
    } finally {
      await h.close();
      cleanup();
    }
  });

  it("refuses another watched folder's output folder: two scan001.jpg would overwrite each other's text", async () => {
    const { dir: root, cleanup } = tempDir();
    const [work, home, beside] = ['work', 'home', 'beside'].map((n) => path.join(root, n));
    const out = path.join(root, 'ocr');
    for (const d of [work!, home!, beside!, out]) mkdirSync(d);
    symlinkSync(out, path.join(root, 'ocr-link'));
    const h = harness(service(), ':memory:');
    try {
      await h.manager.start();
      await h.manager.add(work!, { outDir: out });
      await h.manager.add(beside!); // its outputs go beside its images
      for (const [outDir, owner] of [
        [out, work],
        [path.join(root, 'ocr-link'), work],
        [beside, beside],
      ] as const) {
        const why = new RegExp(`the watched folder ${owner!} already writes its outputs there`);
        await assert.rejects(h.manager.add(home!, { outDir }), coded('BAD_OUTPUT_FOLDER', why), outDir);
        await assert.rejects(h.manager.batch(home!, { outDir }), coded('BAD_OUTPUT_FOLDER', why), outDir);
      }
      assert.deepEqual(
        h.manager.list().map((f) => f.dir),
        [work, beside],
        'nothing saved',
      );
      // The same folder saved again keeps its output folder; another output folder is fine.
      assert.equal((await h.manager.add(work!, { outDir: out })).options.outDir, out);
      const other = path.join(root, 'ocr-home');
      assert.equal((await h.manager.add(home!, { outDir: other })).options.outDir, other);
    } finally {
      await h.close();
      cleanup();
    }
  });
});
