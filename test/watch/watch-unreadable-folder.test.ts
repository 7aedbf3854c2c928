/**
 * A sub-folder without read permission (chmod 000), present at the start or made so while watched: the rest of the
 * folder goes on, and once its permissions are fixed its files, old and new, are found while watching runs (chokidar
 * drops a folder it cannot read and never looks at it again). Run as uid 65534 when the tests run as root, for whom
 * permissions do not apply. Waits are on the watcher's own lines.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isRoot, PLATE, plateVariant, runnerLine, startChild, startRunner, tempDir } from './helpers';

describe('watch: a sub-folder without read permission', () => {
  it('does not stop the rest, and is watched again once it can be read', { timeout: 60_000 }, async (t) => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    mkdirSync(path.join(inDir, 'sub'), { recursive: true });
    mkdirSync(path.join(inDir, 'locked'));
    writeFileSync(path.join(inDir, 'a.jpg'), PLATE);
    writeFileSync(path.join(inDir, 'sub', 'b.jpg'), PLATE);
    writeFileSync(path.join(inDir, 'locked', 'c.jpg'), PLATE);
    chmodSync(path.join(inDir, 'locked'), 0o000);
    chmodSync(root, 0o777);
    const uid = isRoot() ? 65534 : undefined;
    if (uid !== undefined)
      t.diagnostic('running as root: the watcher runs as uid 65534 so that EACCES happens');
    const run = startChild('test/helpers/folder-watcher-child.ts', [inDir], uid);
    // The guard only turns a hang into a failure that shows the lines, before the test's own timeout.
    const line = (l: string) => runnerLine(run, (x) => x === l, l, 45_000);
    try {
      await line('ready');
      assert.ok(run.lines.includes('file\tsub/b.jpg'), run.lines.join('\n'));
      chmodSync(path.join(inDir, 'sub'), 0o000);
      writeFileSync(path.join(inDir, 'd.jpg'), PLATE);
      await line('file\td.jpg');
      chmodSync(path.join(inDir, 'sub'), 0o755);
      chmodSync(path.join(inDir, 'locked'), 0o755);
      writeFileSync(path.join(inDir, 'sub', 'e.jpg'), PLATE);
      writeFileSync(path.join(inDir, 'locked', 'f.jpg'), PLATE);
      await line('file\tlocked/c.jpg');
      await line('file\tlocked/f.jpg');
      await line('file\tsub/e.jpg');
      // And it goes on being watched afterwards.
      writeFileSync(path.join(inDir, 'sub', 'g.jpg'), PLATE);
      await line('file\tsub/g.jpg');
      assert.ok(!run.lines.some((l) => l.startsWith('error')), run.lines.join('\n'));
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
      chmodSync(path.join(inDir, 'sub'), 0o755);
      chmodSync(path.join(inDir, 'locked'), 0o755);
      cleanup();
    }
  });
});

describe('watch: the watched folder without read permission', () => {
  it(
    'is unavailable with the reason, its files not taken as deleted, and watched again once it can be read',
    { timeout: 60_000 },
    async () => {
      const { dir: root, cleanup } = tempDir();
      const inDir = path.join(root, 'in');
      mkdirSync(inDir);
      writeFileSync(path.join(inDir, 'a.jpg'), PLATE);
      chmodSync(root, 0o777);
      const run = startChild('test/helpers/folder-watcher-child.ts', [inDir], isRoot() ? 65534 : undefined);
      const line = (pred: (l: string) => boolean, what: string) => runnerLine(run, pred, what, 45_000);
      try {
        await line((l) => l === 'ready', 'the first scan');
        const before = run.lines.length;
        chmodSync(inDir, 0o000);
        const why = await line(
          (l) => l.startsWith('availability\t') && l !== 'availability\t',
          'unavailable',
        );
        assert.match(why, /in is unavailable: permission denied/);
        chmodSync(inDir, 0o755);
        writeFileSync(path.join(inDir, 'b.jpg'), PLATE);
        await line((l) => l === 'file\tb.jpg', 'the file written once it could be read again');
        // The reopened watcher reports the files it lists before its `ready`: wait for that too.
        await line(() => run.lines.slice(before).includes('ready'), 'the folder listed again');
        const after = run.lines.slice(before);
        assert.ok(!after.includes('gone\ta.jpg'), after.join('\n'));
        // A scan that saw nothing would have the ledger take every file as deleted.
        assert.equal(after.indexOf('ready'), after.lastIndexOf('ready'), after.join('\n'));
        assert.ok(after.indexOf('ready') > after.indexOf('availability\t'), after.join('\n'));
      } finally {
        run.child.kill('SIGKILL');
        await run.exited;
        chmodSync(inDir, 0o755);
        cleanup();
      }
    },
  );
});

describe('batch: a folder without read permission', () => {
  it(
    'is refused with FILE_UNREADABLE and the reason, not an uncoded error',
    { timeout: 60_000 },
    async () => {
      const { dir: root, cleanup } = tempDir();
      const inDir = path.join(root, 'in');
      mkdirSync(inDir);
      writeFileSync(path.join(inDir, 'a.jpg'), PLATE);
      chmodSync(inDir, 0o000);
      chmodSync(root, 0o777);
      const run = startChild('test/helpers/batch-error-child.ts', [inDir], isRoot() ? 65534 : undefined);
      try {
        await run.exited;
        assert.deepEqual(
          run.lines,
          [`error\tFILE_UNREADABLE\tcannot read ${inDir}: permission denied`],
          run.stderr(),
        );
      } finally {
        chmodSync(inDir, 0o755);
        cleanup();
      }
    },
  );

  it(
    'says which sub-folders it could not read, with a coded notice, and reads the rest',
    { timeout: 120_000 },
    async (t) => {
      const { dir: root, cleanup } = tempDir();
      const inDir = path.join(root, 'in');
      const locked = path.join(inDir, 'locked');
      mkdirSync(path.join(inDir, 'open'), { recursive: true });
      mkdirSync(locked);
      writeFileSync(path.join(inDir, 'a.jpg'), plateVariant('a'));
      writeFileSync(path.join(inDir, 'open', 'b.jpg'), plateVariant('b'));
      writeFileSync(path.join(locked, 'c.jpg'), plateVariant('c'));
      // A sub-folder whose name is not UTF-8 (Latin-1 bytes) is named by its text form (file-names.ts).
      const lockedBytes = Buffer.concat([Buffer.from(`${inDir}${path.sep}`), Buffer.from([0x6c, 0xff])]);
      mkdirSync(lockedBytes);
      writeFileSync(Buffer.concat([lockedBytes, Buffer.from(`${path.sep}d.jpg`)]), plateVariant('d'));
      chmodSync(lockedBytes, 0o000);
      chmodSync(locked, 0o000);
      chmodSync(root, 0o777); // the unprivileged runner writes its outputs and ledger here
      const uid = isRoot() ? 65534 : undefined;
      if (uid !== undefined)
        t.diagnostic('running as root: the runner runs as uid 65534 so that EACCES really happens');
      const out = path.join(root, 'out');
      const args = ['--watch', inDir, '--out', out, '--db', path.join(root, 'l.db'), '--recursive', '--once'];
      const run = startRunner(args, uid);
      try {
        assert.equal(await run.exited, 0, run.stderr());
        const notice = run.lines.find((l) => l.startsWith('notice\t'))?.split('\t');
        assert.deepEqual(notice?.slice(0, 3), ['notice', inDir, 'FOLDERS_UNREADABLE'], run.lines.join('\n'));
        assert.equal(
          notice![3],
          `could not read 2 sub-folders, whose files were skipped: ${inDir}${path.sep}l\\xFF (permission denied), ${locked} (permission denied)`,
        );
        const finished = run.lines.find((l) => l.startsWith('finished\t'));
        assert.match(finished ?? '', /\tdone=2\tfailed=0\ttotal=2\t/);
      } finally {
        chmodSync(locked, 0o755);
        chmodSync(lockedBytes, 0o755);
        cleanup();
      }
    },
  );
});
