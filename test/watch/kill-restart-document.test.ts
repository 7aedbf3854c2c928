/**
 * The watch runner (`app/watch/main.ts`, a child process) killed with SIGKILL in the middle of a three-page PDF, after
 * its second page was read, and started again: the document resumes at the page after the last one saved (pages read
 * before the kill are not read again), ends with one complete output per format, and the ledger counts one document
 * of three pages.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { Ledger } from '../../app/watch/ledger';
import { fixture } from '../helpers/fixtures';
import { img2pdf } from '../helpers/pdf-fixtures';
import { listFiles, runnerLine, startRunner, tempDir } from './helpers';

const linesOf = (lines: string[], kind: string) =>
  lines.filter((l) => l.startsWith(`${kind}\t`)).map((l) => l.split('\t'));

describe('watch: SIGKILL in the middle of a PDF and restart', () => {
  it('resumes after the pages saved, one output per format, one document of three pages', async (t) => {
    const { dir: root, cleanup } = tempDir();
    const inDir = path.join(root, 'in');
    const outDir = path.join(root, 'out');
    const db = path.join(root, 'ledger.db');
    mkdirSync(inDir);
    // Two small pages, then a receipt scan that takes far longer to read than the kill takes to land.
    const pages = ['plate_000.jpg', 'ic15_word_1.png', 'sroie_006.jpg'].map(fixture);
    const scan = img2pdf(pages, path.join(root, 'scan.pdf'));
    const args = ['--watch', inDir, '--out', outDir, '--db', db, '--formats', 'txt,json,pdf'];
    let run = startRunner(args);
    try {
      await runnerLine(run, (l) => l.startsWith('watching\t'), 'the runner to watch');
      const input = path.join(inDir, 'scan.pdf');
      copyFileSync(scan, input);
      // Gated on the runner's events only: page 2's event, or the runner failing or exiting instead.
      await runnerLine(run, (l) => l === `page\t${input}\t2\t3`, 'the page event of page 2');
      run.child.kill('SIGKILL');
      assert.equal(await run.exited, null);
      assert.deepEqual(linesOf(run.lines, 'done'), [], 'killed before the document was done');

      let saved: number;
      const left = Ledger.open(db);
      try {
        const [folder] = left.folders.list('watch');
        const [row] = left.files(folder!.id);
        assert.equal(row!.state, 'running', 'the document was left running');
        saved = left.pages.count(row!.id);
      } finally {
        left.close();
      }
      t.diagnostic(`killed with ${saved} of 3 pages saved`);
      assert.ok(saved >= 2, 'pages 1 and 2 were saved before their events');
      assert.deepEqual(listFiles(outDir), [], 'no output yet');

      run = startRunner(args);
      await runnerLine(run, (l) => l.startsWith('done\t'), 'the document done after the restart');
      await runnerLine(run, (l) => l === 'idle', 'the runner idle after the document');
      run.child.kill('SIGTERM');
      await run.exited;
      const [done] = linesOf(run.lines, 'done');
      assert.deepEqual([done![1], done![2], done![5], done![6]], [input, 'ocr', 'pages=3', 'failed=0']);
      assert.deepEqual(
        linesOf(run.lines, 'page').map((l) => l[2]),
        ['1', '2', '3'].slice(saved),
        'only the pages not saved before the kill were read again',
      );

      const outs = listFiles(outDir);
      assert.deepEqual(outs, ['scan.pdf.json', 'scan.pdf.pdf', 'scan.pdf.txt'], 'one output per format');
      const json = JSON.parse(readFileSync(path.join(outDir, 'scan.pdf.json'), 'utf8'));
      assert.deepEqual(
        json.pages.map((p: { page: number; text?: string }) => [p.page, (p.text ?? '').length > 0]),
        [
          [1, true],
          [2, true],
          [3, true],
        ],
      );
      assert.match(json.pages[0].text, /L3N67/);

      const ledger = Ledger.open(db);
      try {
        const [folder] = ledger.folders.list('watch');
        const rows = ledger.files(folder!.id);
        assert.deepEqual(
          rows.map((r) => [r.path, r.state, r.pages, r.pagesFailed]),
          [['scan.pdf', 'done', 3, 0]],
        );
        assert.equal(ledger.pages.count(rows[0]!.id), 0, 'the saved pages went into the result');
        assert.deepEqual(ledger.totals(folder!.id), { documents: 1, pages: 3, pagesFailed: 0 });
        assert.deepEqual(ledger.counts(folder!.id), { queued: 0, running: 0, done: 1, failed: 0 });
      } finally {
        ledger.close();
      }
    } finally {
      run.child.kill('SIGKILL');
      cleanup();
    }
  });
});
