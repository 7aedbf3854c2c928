/**
 * The watch runner (`app/watch/main.ts`, a child process) killed with SIGKILL in the middle of a folder and
 * started again: every image ends with exactly one complete output per format, no temporaries are left, nothing
 * finished before the kill is recognised again, and the ledger agrees with the folder.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ledger } from '../../app/watch/ledger';
import { listFiles, PLATE_TEXT, plateVariant, startRunner, tempDir, waitFor } from './helpers';

const doneLines = (lines: string[]) =>
  lines
    .filter((l) => l.startsWith('done\t'))
    .map((l) => l.split('\t') as [string, string, string, string, string]);

describe('watch: SIGKILL mid-batch and restart', () => {
  it('every image has exactly one complete output and the ledger agrees', async (t) => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    const outDir = path.join(root, 'out');
    const db = path.join(root, 'ledger.db');
    mkdirSync(inDir);
    const names: string[] = [];
    const add = (n: number) => {
      for (let i = 0; i < n; i++) {
        const name = `k-${String(names.length).padStart(3, '0')}.jpg`;
        writeFileSync(path.join(inDir, name), plateVariant(name));
        names.push(name);
      }
    };
    add(60);
    const args = [
      '--watch',
      inDir,
      '--out',
      outDir,
      '--db',
      db,
      '--formats',
      'txt,json',
      '--stability-ms',
      '300',
    ];
    let run = startRunner(args);
    try {
      await waitFor(() => doneLines(run.lines).length >= 15, '15 files done before the kill', 60000, 5);
      run.child.kill('SIGKILL');
      assert.equal(await run.exited, null);
      const first = doneLines(run.lines);
      t.diagnostic(`killed after ${first.length} of 60 files were reported done`);
      assert.ok(first.length < 60, 'killed in the middle');
      const left = Ledger.open(db);
      const [killed] = left.folders.list('watch');
      const running = left.counts(killed!.id).running;
      left.close();
      const tmpAfterKill = listFiles(outDir).filter((f) => /\.tmp-\d+$/.test(f)).length;
      t.diagnostic(
        `after the kill: ${running} file(s) left running in the ledger, ${tmpAfterKill} temporaries`,
      );
      add(10); // arrive while the runner is down: found by the initial scan
      // A half-written temporary as a killed writer leaves it (for a file not yet done): removed when it is done.
      writeFileSync(path.join(outDir, `${names.at(-1)!}.txt.tmp-424242`), 'half');

      run = startRunner(args);
      await waitFor(
        () => listFiles(outDir).filter((f) => f.endsWith('.txt')).length === 70 && run.lines.includes('idle'),
        'all 70 outputs after the restart',
        90000,
      );
      run.child.kill('SIGTERM');
      await run.exited;
      const second = doneLines(run.lines);

      const outs = listFiles(outDir);
      assert.deepEqual(
        outs.filter((f) => /\.tmp-\d+$/.test(f)),
        [],
        'no temporaries left behind',
      );
      assert.deepEqual(
        outs,
        names.flatMap((n) => [`${n}.json`, `${n}.txt`]).sort(),
        'one output per format each',
      );
      for (const n of names) {
        assert.equal(readFileSync(path.join(outDir, `${n}.txt`), 'utf8'), `${PLATE_TEXT}\n`, n);
        assert.equal(JSON.parse(readFileSync(path.join(outDir, `${n}.json`), 'utf8')).text, PLATE_TEXT, n);
      }
      const doneBefore = new Set(first.map((l) => l[1]));
      const redone = second.filter((l) => doneBefore.has(l[1]) && l[2] === 'ocr');
      assert.deepEqual(redone, [], 'nothing finished before the kill was recognised again');
      assert.equal(
        new Set([...doneBefore, ...second.map((l) => l[1])]).size,
        70,
        'every image reported done',
      );

      const ledger = Ledger.open(db);
      try {
        const [folder] = ledger.folders.list('watch');
        const rows = ledger.files(folder!.id);
        assert.deepEqual(rows.map((r) => r.path).sort(), names);
        assert.ok(rows.every((r) => r.state === 'done' && !r.gone && r.result?.text === PLATE_TEXT));
        assert.ok(rows.every((r) => r.outputs.length === 2 && r.outputs.every((o) => existsSync(o))));
        assert.deepEqual(ledger.counts(folder!.id), { queued: 0, running: 0, done: 70, failed: 0 });
      } finally {
        ledger.close();
      }
    } finally {
      run.child.kill('SIGKILL');
      cleanup();
    }
  });
});
