/**
 * Once a running watch manager has found its ledger damaged, every call that would start or change watching is
 * refused with LEDGER_DAMAGED: it would write to the damaged file and nothing would read what it queued.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import type { OcrService } from '../../app/engine/ocr-service';
import { Ledger } from '../../app/watch/ledger';
import { WatchManager } from '../../app/watch/watch-manager';
import { PLATE, tempDir } from './helpers';
import { textResult, damagePages } from '../helpers/ledger-damage';

const { dir, cleanup } = tempDir('lantern-ledger-damage-refusals-');
after(cleanup);

const result = textResult('words '.repeat(300));
const options = { recursive: false, outDir: null, formats: ['txt' as const], patterns: [] };
const watched = path.join(dir, 'watched');
const other = path.join(dir, 'other');
const spare = path.join(dir, 'spare');
const batched = path.join(dir, 'batched');
const file = path.join(dir, 'lantern.db');
let ledger: Ledger;
let manager: WatchManager;
let folderId: string;
let spareId: string;
let pausedBatchId: string;
/** Rejects the engine's calls still pending, so that closing does not wait on them. */
const pending: ((err: Error) => void)[] = [];
let failedId: number;

/** The code of what `p` throws or rejects with (or says it was accepted). */
async function codeOf(p: () => Promise<unknown> | unknown): Promise<string | undefined> {
  try {
    await p();
  } catch (err) {
    return (err as { code?: string }).code;
  }
  return 'none: it was accepted';
}

before(async () => {
  for (const d of [watched, other, spare, batched]) mkdirSync(d);
  for (const d of [other, batched]) writeFileSync(path.join(d, 'a.jpg'), PLATE);
  // A folder switched off with one failed file, many done ones and a few queued, checkpointed into the file.
  const l = Ledger.open(file);
  const f = l.folders.add(watched, options, 'watch');
  folderId = f.id;
  l.folders.setEnabled(f.id, false);
  spareId = l.folders.add(spare, options, 'watch').id;
  const bad = l.noteSeen(f.id, 'bad.png', 100, 1000)!;
  l.claimNext([f.id]);
  l.markFailed(bad.id, 'DECODE_FAILED', 'not an image');
  failedId = bad.id;
  l.db.transaction(() => {
    for (let i = 0; i < 1500; i++) {
      const row = l.noteSeen(f.id, `f-${i}.png`, 100, 1000)!;
      l.claimNext([f.id]);
      const sha256 = String(i).padStart(64, '0');
      l.markDone(row.id, { sha256, size: 100, mtimeMs: 1000, outputs: [], result, ocrMs: 1, totalMs: 1 });
    }
  });
  for (let i = 0; i < 3; i++) l.noteSeen(f.id, `q-${i}.png`, 100, 1000);
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();

  ledger = Ledger.open(file);
  ledger.db.pragma('cache_size = 8');
  const service = {
    submit: () => new Promise((_, reject) => pending.push(reject)),
    prewarm: () => undefined,
    cancel: () => undefined,
  } as unknown as OcrService;
  manager = new WatchManager({ ledger, service, pollMs: 200 });
  // A batch paused before the damage: resuming it would start taking files again.
  pausedBatchId = (await manager.startBatch(batched, options)).batchId;
  assert.equal(manager.batchControl(pausedBatchId, 'pause'), true);
  // Pages amid the done files, as a failing disk would leave them: the folders and the rows added last still read.
  damagePages(file, 100, 200);
  // The first statement that reaches a damaged page tells the manager, as a claim or a count would while running.
  assert.throws(() => ledger.files(folderId), { code: 'LEDGER_DAMAGED' });
  assert.equal(manager.list()[0]?.notice?.code, 'LEDGER_DAMAGED', 'the damage was found');
});

after(async () => {
  for (const reject of pending) reject(new Error('no engine here'));
  await manager.close();
  ledger.close();
});

it('adding a folder to watch is refused with LEDGER_DAMAGED', async () => {
  assert.equal(await codeOf(() => manager.add(other, options)), 'LEDGER_DAMAGED');
});

it('switching a watched folder on is refused with LEDGER_DAMAGED', async () => {
  assert.equal(await codeOf(() => manager.setEnabled(folderId, true)), 'LEDGER_DAMAGED');
});

it('starting a batch is refused with LEDGER_DAMAGED, and no new batch is left running', async () => {
  assert.equal(await codeOf(() => manager.startBatch(other, options)), 'LEDGER_DAMAGED');
  assert.deepEqual(
    manager.batches().map((b) => b.batchId),
    [pausedBatchId],
  );
});

it('resuming a paused batch is refused with LEDGER_DAMAGED', async () => {
  assert.equal(await codeOf(() => manager.batchControl(pausedBatchId, 'resume')), 'LEDGER_DAMAGED');
});

it('retrying a failed file is refused with LEDGER_DAMAGED', async () => {
  assert.equal(await codeOf(() => manager.retry(String(failedId))), 'LEDGER_DAMAGED');
});

it('removing a watched folder is refused with LEDGER_DAMAGED', async () => {
  assert.equal(await codeOf(() => manager.remove(spareId)), 'LEDGER_DAMAGED');
  assert.ok(manager.list().some((f) => f.id === spareId));
});

it('the refusal says to restart and names the file', async () => {
  await assert.rejects(
    () => manager.add(other, options),
    (err: Error) => (assert.match(err.message, new RegExp(`^the ledger ${file} is damaged .*restart`)), true),
  );
});
