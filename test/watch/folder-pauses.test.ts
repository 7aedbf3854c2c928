import assert from 'node:assert/strict';
import { test } from 'node:test';
import { watchOptionsSchema } from '../../app/contracts/lantern-api';
import { FolderPauses, MAX_PROBE_WAIT_MS, probeWait } from '../../app/watch/folder-pauses';
import { Ledger } from '../../app/watch/ledger';

const POLL = 60_000;

test('an output folder that fails again as soon as it resumes is probed less and less often', async () => {
  // A full disk: the empty probe file fits, every output does not.
  const ledger = Ledger.open(':memory:');
  const folder = ledger.folders.add('/w', watchOptionsSchema.parse({ outDir: '/out' }), 'watch');
  let clock = 0;
  const probes: number[] = [];
  const changes: (string | null)[] = [];
  // Time moves only when the test moves it: the pauses' own timer, if it fires, probes at the same time the test would.
  const pauses = new FolderPauses(
    ledger,
    (_id, reason) => changes.push(reason),
    POLL,
    async () => {
      probes.push(clock);
      return null;
    },
    () => clock,
  );
  const full = 'Output folder /out is not writable: ENOSPC: no space left on device';
  const waits: number[] = [];
  for (let round = 0; round < 4; round++) {
    const pausedAt = clock;
    pauses.set(folder.id, 'output', full);
    // Probed once its wait is over, not before.
    for (clock = pausedAt; probes.length === round; clock += POLL / 4) await pauses.reprobe();
    waits.push(probes[round]! - pausedAt);
    assert.equal(pauses.reason(folder.id), null, 'the probe passed: the folder runs again');
  }
  assert.deepEqual(waits, [POLL, 2 * POLL, 4 * POLL, MAX_PROBE_WAIT_MS]);
  assert.deepEqual(changes, [full, null, full, null, full, null, full, null]);
  assert.equal(ledger.folders.get(folder.id)?.pausedReason, null);

  // Once an output is written the folder works: the next pause waits one poll again.
  pauses.wrote(folder.id);
  const pausedAt = clock;
  pauses.set(folder.id, 'output', full);
  await pauses.reprobe();
  assert.equal(probes.length, 4, 'not probed before its wait');
  clock = pausedAt + POLL;
  await pauses.reprobe();
  assert.equal(probes.length, 5);
  pauses.close();
});

test('the wait doubles from the poll interval and stops at five minutes', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 8, 9, 30].map((s) => probeWait(s, 2000)),
    [2000, 4000, 8000, 16000, 256_000, MAX_PROBE_WAIT_MS, MAX_PROBE_WAIT_MS],
  );
});
