/**
 * Damage found after open, by a statement while the ledger is in use (a failing disk, a file written over): the error
 * is coded and names the file, whoever holds the ledger hears of it once, and the ledger still closes and is given up.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import type { WatchEvent } from '../../app/contracts/lantern-api';
import type { OcrService } from '../../app/engine/ocr-service';
import { Ledger } from '../../app/watch/ledger';
import { WatchManager } from '../../app/watch/watch-manager';
import { errorAnswer } from '../../app/http/errors';
import { tempDir } from './helpers';
import { damagePages, reopenWithHistory, textResult } from '../helpers/ledger-damage';

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

it(
  'a ledger found damaged tells the UI of every watched folder, watched or switched off, that watching stopped',
  { timeout: 30000 },
  async () => {
    const file = path.join(dir, 'folders.db');
    const [on, off] = ['on', 'off'].map((d) => path.join(dir, d)) as [string, string];
    for (const d of [on, off]) mkdirSync(d);
    const l = Ledger.open(file);
    const options = { recursive: false, outDir: null, formats: ['txt' as const], patterns: [] };
    const ids = new Set([on, off].map((d) => l.folders.add(d, options, 'watch').id));
    l.folders.setEnabled(l.folders.byDir(on)!.id, true);
    l.folders.setEnabled(l.folders.byDir(off)!.id, false);
    const ledger = reopenWithHistory(l, file, 300, result);
    const service = { prewarm: () => undefined } as unknown as OcrService;
    const manager = new WatchManager({ ledger, service, pollMs: 200 });
    await manager.start();
    // An open window hears of each folder as it now is: a row not told would look as before, its switch still working.
    const told = new Set<string>();
    const allTold = new Promise<void>((resolve) =>
      manager.onEvent((e) => {
        if (e.type === 'folder' && e.folder.notice?.code === 'LEDGER_DAMAGED') told.add(e.folder.id);
        if (told.size === ids.size) resolve();
      }),
    );
    damagePages(file, 21, statSync(file).size / 4096 - 20);
    assert.throws(() => ledger.history.list(500), /is damaged/);
    // The folder events come on timers that do not hold the process open, and watching has stopped: this does meanwhile.
    const open = setInterval(() => undefined, 60_000);
    await allTold;
    clearInterval(open);
    assert.deepEqual(told, ids);

    await manager.close();
    ledger.close();
  },
);

it("History read from a damaged ledger answers LEDGER_DAMAGED with SQLite's finding as its cause, not INTERNAL", () => {
  const file = path.join(dir, 'history.db');
  const ledger = reopenWithHistory(Ledger.open(file), file, 300, result);
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

it('a ledger with no folder, found damaged, tells the UI once through the ledger, not through rows it does not have', async () => {
  const file = path.join(dir, 'no-folders.db');
  const l = Ledger.open(file);
  l.db.transaction(() => {
    for (let i = 0; i < 300; i++) l.history.add(`page-${i}.png`, result);
  });
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();
  const ledger = Ledger.open(file);
  ledger.db.pragma('cache_size = 8');
  const service = { prewarm: () => undefined } as unknown as OcrService;
  const manager = new WatchManager({ ledger, service, pollMs: 200 });
  await manager.start();
  assert.deepEqual(manager.ledgerStatus(), { notice: null });
  const events: WatchEvent[] = [];
  const told = new Promise<void>((resolve) =>
    manager.onEvent((e) => {
      events.push(e);
      if (e.type === 'ledger') resolve();
    }),
  );
  damagePages(file, 8, 2000);
  assert.throws(() => ledger.history.list(500), /is damaged/);
  await told;

  const status = manager.ledgerStatus();
  assert.equal(status.notice?.code, 'LEDGER_DAMAGED');
  assert.match(status.notice.message, new RegExp(`^the ledger ${file} is damaged .*restart`));
  assert.deepEqual(events, [{ type: 'ledger', ledger: status }]);

  await manager.close();
  ledger.close();
});
