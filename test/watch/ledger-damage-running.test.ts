/**
 * Damage found after open, by a statement while the ledger is in use (a failing disk, a file written over): the error
 * is coded and names the file, whoever holds the ledger hears of it once, and the ledger still closes and is given up.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import type { OcrService } from '../../app/engine/ocr-service';
import { Ledger } from '../../app/watch/ledger';
import { WatchManager } from '../../app/watch/watch-manager';
import { errorAnswer } from '../../app/http/errors';
import { tempDir } from './helpers';
import { textResult, damagePages } from '../helpers/ledger-damage';

const { dir, cleanup } = tempDir('lantern-ledger-damage-running-');
after(cleanup);

const result = textResult('words '.repeat(300));

/** A ledger of `n` done files and `queued` queued ones in one folder, checkpointed; returns the folder's id. */
function ledgerWith(file: string, n: number, queued = 0): string {
  const l = Ledger.open(file);
  const f = l.folders.add(dir, { recursive: false, outDir: null, formats: ['txt'], patterns: [] }, 'watch');
  l.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const row = l.noteSeen(f.id, `f-${i}.png`, 100, 1000)!;
      l.claimNext([f.id]);
      const sha256 = String(i).padStart(64, '0');
      l.markDone(row.id, { sha256, size: 100, mtimeMs: 1000, outputs: [], result, ocrMs: 1, totalMs: 1 });
    }
  });
  for (let i = 0; i < queued; i++) l.noteSeen(f.id, `q-${i}.png`, 100, 1000);
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();
  return f.id;
}

it('a statement that reaches a damaged page throws LEDGER_DAMAGED naming the file, said once to onDamaged', () => {
  const file = path.join(dir, 'lantern.db');
  const folderId = ledgerWith(file, 1500);
  const ledger = Ledger.open(file);
  // A cache of a few pages: the pages the open read through are read from the disk again, as after a long run.
  ledger.db.pragma('cache_size = 8');
  const heard: string[] = [];
  ledger.onDamaged((e) => heard.push(e.message));
  damagePages(file, 100, 200);

  for (let i = 0; i < 2; i++)
    assert.throws(
      () => ledger.files(folderId),
      (err: Error & { code?: string }) => {
        assert.equal(err.code, 'LEDGER_DAMAGED');
        assert.match(
          err.message,
          new RegExp(`^the ledger ${file} is damaged \\(database disk image is malformed`),
        );
        return true;
      },
    );
  assert.equal(heard.length, 1, 'said once, not by every statement');
  assert.match(heard[0]!, /is damaged/);

  ledger.close();
  assert.equal(ledger.db.open, false);
  assert.ok(!existsSync(`${file}.owner`) && !existsSync(`${file}.lock`), 'ownership given up');
});

it('a watch manager whose ledger is found damaged stops taking files, says LEDGER_DAMAGED once and on its folders', async () => {
  const file = path.join(dir, 'watched.db');
  ledgerWith(file, 1500, 3);
  const ledger = Ledger.open(file);
  ledger.db.pragma('cache_size = 8');
  const submits: unknown[] = [];
  const service = {
    submit: (...a: unknown[]) => (submits.push(a), Promise.reject(new Error('no engine here'))),
    prewarm: () => undefined,
  } as unknown as OcrService;
  const logged: string[] = [];
  const manager = new WatchManager({ ledger, service, log: (_, m) => logged.push(m), pollMs: 200 });
  // Every page past the schema's first ones: the runner's claim of a queued file is the first to reach the damage.
  damagePages(file, 8, 2000);

  assert.doesNotThrow(() => manager.runner.kick());
  await manager.whenIdle();
  assert.deepEqual(submits, []);
  const notice = manager.list()[0]?.notice;
  assert.equal(notice?.code, 'LEDGER_DAMAGED');
  assert.match(notice.message, new RegExp(`^the ledger ${file} is damaged .*restart`));
  assert.equal(logged.filter((m) => m.startsWith('LEDGER_DAMAGED: ')).length, 1, logged.join('\n'));

  await manager.close();
  ledger.close();
  assert.ok(!existsSync(`${file}.owner`), 'ownership given up');
});

it("History read from a damaged ledger answers LEDGER_DAMAGED with SQLite's finding as its cause, not INTERNAL", () => {
  const file = path.join(dir, 'history.db');
  const l = Ledger.open(file);
  l.db.transaction(() => {
    for (let i = 0; i < 300; i++) l.history.add(`page-${i}.png`, result);
  });
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();
  const ledger = Ledger.open(file);
  ledger.db.pragma('cache_size = 8');
  damagePages(file, 8, 2000);

  let thrown: unknown;
  assert.throws(
    () => ledger.history.list(),
    (err) => ((thrown = err), true),
  );
  const answer = errorAnswer(thrown);
  assert.equal(answer.status, 500);
  assert.equal(answer.body.error.code, 'LEDGER_DAMAGED');
  assert.match(answer.body.error.message, new RegExp(`^the ledger ${file} is damaged \\(.*\\); restart`));
  assert.equal(answer.body.error.cause?.code, 'SQLITE_CORRUPT');
  ledger.close();
});
