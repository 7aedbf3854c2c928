/** Unit tests of the ledger's state transitions, schema versioning, history, patterns and output naming (no models). */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { watchOptionsSchema } from '../../app/contracts/lantern-api';
import type { OcrResult } from '../../app/ocr/types';
import { Ledger, type DoneInfo } from '../../app/watch/ledger';
import { HISTORY_IMAGE_MAX_BYTES, HistoryStore } from '../../app/watch/history-store';
import { MIGRATIONS, SCHEMA_VERSION } from '../../app/watch/ledger-schema';
import { openSqlite } from '../../app/watch/sqlite';
import { fitName } from '../../app/files/fit-name';
import { outputPath, removeStaleTmp, renderOutput, tmpPath } from '../../app/watch/outputs';
import { nameMatcher } from '../../app/watch/patterns';
import { fixture } from '../helpers/fixtures';
import { until } from '../helpers/http';
import { tempDir } from './helpers';

const opts = watchOptionsSchema.parse({});
const result = (text: string): OcrResult => ({
  width: 10,
  height: 10,
  lines: text
    ? [
        {
          text,
          score: 0.9,
          box: [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        },
      ]
    : [],
  text,
  ms: { decode: 1, det: 1, cls: 1, rec: 1, total: 4 },
  provider: 'cpu',
});
const done = (sha: string, text = 'x'): DoneInfo => ({
  sha256: sha,
  size: 1,
  mtimeMs: 1,
  outputs: [],
  result: result(text),
  ocrMs: 4,
  totalMs: 5,
});

function fresh() {
  const ledger = Ledger.open(':memory:');
  const folder = ledger.folders.add('/w', opts, 'watch');
  return { ledger, id: folder.id };
}

describe('ledger', () => {
  it('creates the schema, records user_version, and refuses a newer database', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'l.db');
      const l = Ledger.open(file);
      assert.equal(l.db.pragma('user_version'), SCHEMA_VERSION);
      assert.equal(String(l.db.pragma('journal_mode')).toLowerCase(), 'wal');
      assert.equal(l.db.pragma('synchronous'), 1); // NORMAL
      l.folders.add('/w', opts, 'watch');
      l.close();
      const again = Ledger.open(file);
      assert.equal(again.folders.list().length, 1);
      again.close();
      const raw = openSqlite(file);
      raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      raw.close();
      assert.throws(() => Ledger.open(file), /newer than this build/);
    } finally {
      cleanup();
    }
  });

  it('one process owns a ledger file; what a killed owner left (its pid, the lock directory) is cleared', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'l.db');
      const l = Ledger.open(file);
      l.folders.add('/w', opts, 'watch');
      assert.throws(() => Ledger.open(file), /in use by process \d+/);
      l.close();
      writeFileSync(`${file}.owner`, '2147483646'); // a pid no process has
      mkdirSync(`${file}.lock`); // SQLite's lock, as the wasm VFS leaves it behind a SIGKILL
      const again = Ledger.open(file);
      assert.equal(again.folders.list().length, 1);
      again.close();
      assert.ok(!existsSync(`${file}.owner`) && !existsSync(`${file}.lock`), 'released on close');
      // A container's server is pid 1 after every restart: this pid with another start time, or none, is stale.
      writeFileSync(`${file}.owner`, `${process.pid} 1`);
      Ledger.open(file).close();
      writeFileSync(`${file}.owner`, String(process.pid));
      Ledger.open(file).close();
    } finally {
      cleanup();
    }
  });

  it('a killed owner that is still a zombie does not hold the ledger', async () => {
    const { dir, cleanup } = tempDir();
    // A process whose parent never waits for it: it stays a zombie, whose pid still answers kill(0).
    const parent = spawn('sh', ['-c', 'sleep 2 & echo $!; exec sleep 60'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const pid = Number(
        await new Promise<string>((r) => parent.stdout.once('data', (c: Buffer) => r(c.toString()))),
      );
      await until(() => readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '), 10000);
      const file = path.join(dir, 'z.db');
      writeFileSync(`${file}.owner`, String(pid));
      Ledger.open(file).close();
    } finally {
      parent.kill();
      cleanup();
    }
  });

  it('a transaction that throws leaves nothing behind; a nested one rolls back alone', () => {
    const db = openSqlite(':memory:');
    try {
      db.exec('CREATE TABLE t (v INTEGER)');
      const count = () => db.get('SELECT COUNT(*) AS n FROM t')!.n;
      assert.throws(() =>
        db.transaction(() => {
          db.run('INSERT INTO t VALUES (1)');
          throw new Error('boom');
        }),
      );
      assert.equal(count(), 0);
      db.transaction(() => {
        db.run('INSERT INTO t VALUES (1)');
        assert.throws(() =>
          db.transaction(() => {
            db.run('INSERT INTO t VALUES (2)');
            throw new Error('inner');
          }),
        );
      });
      assert.equal(count(), 1);
    } finally {
      db.close();
    }
  });

  it('queues a new file once, claims it, marks it done, and skips it when seen unchanged', () => {
    const { ledger, id } = fresh();
    assert.equal(ledger.noteSeen(id, 'a.png', 10, 100)?.state, 'queued');
    assert.equal(ledger.noteSeen(id, 'a.png', 10, 100), null, 'already queued');
    assert.equal(ledger.claimNext(['other']), undefined, 'only the given folders');
    const row = ledger.claimNext([id])!;
    assert.equal(row.state, 'running');
    assert.equal(row.attempts, 1);
    assert.equal(ledger.claimNext([id]), undefined, 'a running file is not claimed twice');
    assert.equal(ledger.markDone(row.id, { ...done('h1'), size: 10, mtimeMs: 100 }), 'done');
    assert.equal(ledger.noteSeen(id, 'a.png', 10, 100), null, 'unchanged: not redone');
    assert.deepEqual(ledger.counts(id), { queued: 0, running: 0, done: 1, failed: 0 });
    const changed = ledger.noteSeen(id, 'a.png', 12, 200)!;
    assert.equal(changed.state, 'queued', 'changed size/mtime: queued again');
    assert.equal(changed.sha256, 'h1', 'the old hash is kept to compare with the new content');
  });

  it('puts rows left running back in the queue on restart', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = path.join(dir, 'l.db');
      const l = Ledger.open(file);
      const id = l.folders.add('/w', opts, 'watch').id;
      l.noteSeen(id, 'a.png', 1, 1);
      l.noteSeen(id, 'b.png', 1, 1);
      l.claimNext([id]);
      l.close();
      const again = Ledger.open(file);
      const recovered = again.recoverRunning();
      assert.deepEqual(
        recovered.map((r) => [r.path, r.state]),
        [['a.png', 'queued']],
      );
      assert.equal(again.counts(id).queued, 2);
      assert.equal(again.claimNext([id])!.path, 'a.png', 'the oldest first');
      again.close();
    } finally {
      cleanup();
    }
  });

  it('queues a file again when it changed while running (stale)', () => {
    const { ledger, id } = fresh();
    ledger.noteSeen(id, 'a.png', 1, 1);
    const row = ledger.claimNext([id])!;
    assert.equal(ledger.noteSeen(id, 'a.png', 1, 1), null);
    assert.equal(ledger.fileById(row.id)!.stale, false, 'seen again unchanged (a rescan): not stale');
    assert.equal(ledger.noteSeen(id, 'a.png', 2, 2), null);
    assert.equal(ledger.markDone(row.id, done('h1')), 'queued');
    assert.equal(ledger.claimNext([id])!.attempts, 2);
  });

  it('drops a deleted queued file, keeps a deleted done file as gone (not counted)', () => {
    const { ledger, id } = fresh();
    ledger.noteSeen(id, 'q.png', 1, 1);
    ledger.noteGone(id, 'q.png');
    assert.equal(ledger.file(id, 'q.png'), undefined);
    ledger.noteSeen(id, 'd.png', 1, 1);
    ledger.markDone(ledger.claimNext([id])!.id, done('h1'));
    ledger.noteGone(id, 'd.png');
    assert.equal(ledger.file(id, 'd.png')!.gone, true);
    assert.equal(ledger.counts(id).done, 0);
    assert.equal(ledger.noteSeen(id, 'd.png', 1, 1)?.state, 'queued', 'back again: checked again (by hash)');
  });

  it('a scan marks every unseen file as gone', () => {
    const { ledger, id } = fresh();
    for (const n of ['a.png', 'b.png']) {
      ledger.noteSeen(id, n, 1, 1);
      ledger.markDone(ledger.claimNext([id])!.id, done(n));
    }
    ledger.noteScanned(id, new Set(['a.png']));
    assert.equal(ledger.file(id, 'b.png')!.gone, true);
    assert.equal(ledger.file(id, 'a.png')!.gone, false);
  });

  it('transfers a done row to the new name of a renamed file: counted once', () => {
    const { ledger, id } = fresh();
    ledger.noteSeen(id, 'a.png', 1, 1);
    ledger.markDone(ledger.claimNext([id])!.id, done('same'));
    ledger.noteGone(id, 'a.png');
    ledger.noteSeen(id, 'b.png', 1, 2);
    const b = ledger.claimNext([id])!;
    const [twin] = ledger.doneWithHash(id, 'same', b.id);
    assert.equal(twin!.path, 'a.png');
    ledger.transfer(twin!.id, b.id, { ...done('same'), outputs: ['/o/b.png.txt'] });
    const rows = ledger.files(id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.path, 'b.png');
    assert.equal(rows[0]!.state, 'done');
    assert.deepEqual(rows[0]!.outputs, ['/o/b.png.txt']);
    assert.deepEqual(ledger.counts(id), { queued: 0, running: 0, done: 1, failed: 0 });
  });

  it('records failures with their code, lists them, and retries them', () => {
    const { ledger, id } = fresh();
    ledger.noteSeen(id, 'bad.png', 1, 1);
    const row = ledger.claimNext([id])!;
    assert.equal(ledger.markFailed(row.id, 'BAD_IMAGE', 'not an image', 'h'), 'failed');
    const [f] = ledger.failed(10);
    assert.equal(f!.code, 'BAD_IMAGE');
    assert.equal(f!.path, path.join('/w', 'bad.png'));
    assert.equal(ledger.noteSeen(id, 'bad.png', 1, 1), null, 'unchanged failed file: not retried by itself');
    assert.equal(ledger.retry(Number(f!.id))!.state, 'queued');
    assert.equal(ledger.retry(Number(f!.id)), undefined, 'only failed files');
  });

  it('retries a FILE_NOT_FOUND failure when the file is seen again', () => {
    const { ledger, id } = fresh();
    ledger.noteSeen(id, 'x.png', 1, 1);
    ledger.markFailed(ledger.claimNext([id])!.id, 'FILE_NOT_FOUND', 'gone');
    assert.equal(ledger.noteSeen(id, 'x.png', 1, 1)?.state, 'queued');
  });

  it('requeue gives the attempt back and can keep a result', () => {
    const { ledger, id } = fresh();
    ledger.noteSeen(id, 'a.png', 1, 1);
    const row = ledger.claimNext([id])!;
    ledger.requeue(row.id, { sha256: 'k', result: result('kept') });
    const r = ledger.fileById(row.id)!;
    assert.equal(r.state, 'queued');
    assert.equal(r.attempts, 0);
    assert.equal(r.result!.text, 'kept');
    assert.equal(ledger.hasQueued([id]), true);
    assert.equal(ledger.hasQueued(['nope']), false);
  });

  it('a batch over a watched folder keeps the watched options; removing a folder removes its files', () => {
    const { ledger, id } = fresh();
    const other = watchOptionsSchema.parse({ formats: ['json'] });
    assert.deepEqual(ledger.folders.add('/w', other, 'batch').options, opts);
    assert.equal(ledger.folders.get(id)!.kind, 'watch');
    ledger.noteSeen(id, 'a.png', 1, 1);
    ledger.folders.setPausedReason(id, 'why');
    assert.equal(ledger.folders.get(id)!.pausedReason, 'why');
    ledger.folders.remove(id);
    assert.equal(ledger.files(id).length, 0);
  });

  it('keeps interactive history newest first, bounded, and clears it', () => {
    const { ledger } = fresh();
    for (let i = 0; i < 5; i++) ledger.history.add(`n${i}`, result(`t${i}`));
    const list = ledger.history.list(3);
    assert.deepEqual(
      list.map((e) => e.name),
      ['n4', 'n3', 'n2'],
    );
    assert.equal(list[0]!.result.text, 't4');
    ledger.history.clear();
    assert.equal(ledger.history.list().length, 0);
  });

  it("bounds the history by its results' bytes too, newest kept; the newest entry stays even alone over it", () => {
    const { ledger } = fresh();
    // A budget of 10 results of this size: a 400-page PDF's result is ~8 MB, and 1000 of them were kept in memory.
    const text = 'x'.repeat(10_000);
    const size = Buffer.byteLength(JSON.stringify(result(text)));
    const history = new HistoryStore(ledger.db, 1000, size * 10 + size / 2);
    for (let i = 0; i < 25; i++) history.add(`n${i}`, result(text));
    assert.deepEqual(
      history.list(100).map((e) => e.name),
      Array.from({ length: 10 }, (_, i) => `n${24 - i}`),
    );
    // Its size is in the whole text: no line the recogniser reads is anywhere near 100,000 characters.
    history.add('huge', { ...result('y'), text: 'y'.repeat(size * 20) });
    assert.deepEqual(
      history.list(100).map((e) => e.name),
      ['huge'],
    );
  });

  it('keeps a capture crop with its history entry (bounded); an old ledger migrates and its entries have none', () => {
    const { dir, cleanup } = tempDir('lantern-history-');
    try {
      const file = path.join(dir, 'ledger.db');
      // A ledger of the version before images were kept, with one entry.
      const old = openSqlite(file);
      for (const m of MIGRATIONS.slice(0, SCHEMA_VERSION - 1)) old.exec(m);
      old.pragma(`user_version = ${SCHEMA_VERSION - 1}`);
      old.run('INSERT INTO history VALUES (?, ?, ?, ?)', [
        'old',
        'before.png',
        1,
        JSON.stringify(result('a')),
      ]);
      old.close();
      const ledger = Ledger.open(file);
      const png = new Uint8Array(readFileSync(fixture('ic15_word_1.png')));
      ledger.history.add('Screen capture', result('b'), { type: 'image/png', bytes: png });
      const tooBig = new Uint8Array(HISTORY_IMAGE_MAX_BYTES + 1);
      ledger.history.add('Huge capture', result('c'), { type: 'image/jpeg', bytes: tooBig });
      const [huge, capture, before] = ledger.history.list();
      assert.equal(huge!.image, undefined, 'an image over the bound is not kept; the entry is');
      assert.equal(huge!.result.text, 'c');
      assert.equal(capture!.image, `data:image/png;base64,${Buffer.from(png).toString('base64')}`);
      assert.equal(before!.name, 'before.png');
      assert.equal('image' in before!, false);
      ledger.close();
    } finally {
      cleanup();
    }
  });
});

describe('patterns and outputs', () => {
  it('takes image extensions by default, custom globs otherwise, never our outputs or temporaries', () => {
    const img = nameMatcher([]);
    assert.ok(img('a.PNG') && img('b.jpeg') && img('c.tiff') && img('d.gif'));
    assert.ok(!img('a.txt') && !img('a.png.tmp-12') && !img('.lantern-probe-1'));
    const custom = nameMatcher(['scan-*.{png,jpg}', 'x?.webp']);
    assert.ok(custom('scan-1.png') && custom('x1.webp') && !custom('a.png') && !custom('scan-1.png.txt'));
    // PDFs are inputs by default and under `*`; our outputs of them (and of images) never are.
    const all = nameMatcher(['*']);
    for (const m of [img, all]) {
      assert.ok(m('scan.pdf') && m('Scan.PDF'));
      for (const out of [
        'scan.pdf.pdf',
        'scan.pdf.txt',
        'a.jpg.pdf',
        'p.TIFF.pdf',
        `${'x'.repeat(9)}~0123abcd.pdf`,
      ])
        assert.ok(!m(out), out);
    }
    assert.ok(all('notes.pdf') && !all('notes.txt') && !all('data.json'));
    const long = `${'长'.repeat(83)}.pdf`; // 253 bytes: its output name is shortened
    assert.ok(all(long) && !all(path.basename(outputPath('/w', opts, long, 'pdf'))), 'a shortened output');
  });

  it('names outputs <image>.<format>, beside the image or mirrored into outDir, shortened when too long', () => {
    assert.equal(outputPath('/w', opts, 'sub/a.png', 'txt'), '/w/sub/a.png.txt');
    const out = { ...opts, outDir: '/o' };
    assert.equal(outputPath('/w', out, 'sub/a.png', 'md'), '/o/sub/a.png.md');
    const long = `${'长'.repeat(80)}.png`; // 243 bytes
    const name = path.basename(outputPath('/w', opts, long, 'json'));
    assert.ok(Buffer.byteLength(name) <= 255 && name.endsWith('.json'));
    assert.ok(Buffer.byteLength(path.basename(tmpPath(`/w/${name}`, 4_194_304))) <= 255);
    assert.equal(fitName('short', 255), 'short');
    assert.notEqual(fitName(`${'a'.repeat(300)}1`, 255), fitName(`${'a'.repeat(300)}2`, 255));
  });

  it('renders txt, json and md', () => {
    const r = result('# Total');
    assert.equal(renderOutput('txt', r, 'a.png'), '# Total\n');
    assert.equal(JSON.parse(renderOutput('json', r, 'sub/a.png')).file, 'sub/a.png');
    assert.equal(renderOutput('md', r, 'sub/a.png'), '# a.png\n\n\\# Total\n');
    const two = {
      ...r,
      lines: [...r.lines, { ...r.lines[0]!, text: 'due to-' }, { ...r.lines[0]!, text: 'day' }],
    };
    const blocks = [
      { box: r.lines[0]!.box, lines: [0], kind: 'heading' as const },
      { box: r.lines[0]!.box, lines: [1, 2], kind: 'paragraph' as const },
    ];
    assert.equal(renderOutput('md', { ...two, blocks }, 'a.png'), '# a.png\n\n### # Total\n\ndue today\n');
  });

  it('removes the temporaries a killed writer left, and only those', async () => {
    const { dir, cleanup } = tempDir();
    try {
      mkdirSync(dir, { recursive: true });
      const out = path.join(dir, 'a.png.txt');
      for (const f of ['a.png.txt.tmp-99', 'a.png.txt', 'b.png.txt.tmp-99'])
        writeFileSync(path.join(dir, f), 'x');
      await removeStaleTmp([out]);
      assert.ok(!existsSync(`${out}.tmp-99`));
      assert.ok(existsSync(out) && existsSync(path.join(dir, 'b.png.txt.tmp-99')));
    } finally {
      cleanup();
    }
  });
});
