/**
 * Taking over the owner file a dead process left (a killed CLI run's `--searchable-pdf` folder, a killed server's
 * ledger): when two processes find it dead at once, exactly one takes it and the other is told which process holds it.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { claimOwnerFile } from '../../app/os/owner-file';

const child = path.resolve('test/helpers/owner-claim-child.ts');

/** A temporary folder with an owner file whose process is gone. */
function staleClaim(t: { after: (fn: () => void) => void }): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-owner-takeover-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  assert.ok(gone);
  const file = path.join(dir, '.lantern-cli.owner');
  writeFileSync(file, String(gone));
  return { dir, file };
}

test("two processes taking over a dead owner's file at once: one wins, the other is told it", async (t) => {
  const { dir, file } = staleClaim(t);
  const pipe = path.join(dir, 'said');
  execFileSync('mkfifo', [pipe]);
  let other: ChildProcess | undefined;
  let otherSaid: unknown;
  t.after(() => other?.kill());
  // This claim has judged the owner gone; the other process runs its whole claim before this one goes on.
  const mine = claimOwnerFile(file, {
    ownerGone: () => {
      if (other) return;
      other = spawn(process.execPath, ['--import', 'tsx', child, file, pipe], {
        stdio: ['pipe', 'inherit', 'inherit'],
      });
      otherSaid = JSON.parse(readFileSync(pipe, 'utf8'));
    },
  });
  assert.ok(other?.pid);
  assert.deepEqual(otherSaid, { claimed: true });
  assert.deepEqual(mine, { claimed: false, pid: other.pid });
  assert.equal(readFileSync(file, 'utf8').split(' ')[0], String(other.pid), 'the file names the winner');

  const exited = once(other, 'exit');
  other.stdin?.end();
  await exited;
  assert.deepEqual(readdirSync(dir), ['said'], 'the winner gave it up; nothing else is left');
});

test('a takeover left half-done by a process that died is taken over in turn', (t) => {
  const { dir, file } = staleClaim(t);
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  writeFileSync(`${file}.taking`, String(gone));
  const claim = claimOwnerFile(file);
  assert.equal(claim.claimed, true);
  assert.equal(readFileSync(file, 'utf8').split(' ')[0], String(process.pid));
  if (claim.claimed) claim.ownership.release();
  assert.deepEqual(readdirSync(dir), []);
});

test('a live process taking over the file holds it: a claim meanwhile is told which process', async (t) => {
  const { file } = staleClaim(t);
  const taker = spawn('sleep', ['60'], { stdio: 'ignore' });
  t.after(() => taker.kill());
  writeFileSync(`${file}.taking`, String(taker.pid));
  assert.deepEqual(claimOwnerFile(file), { claimed: false, pid: taker.pid });
  assert.ok(existsSync(file) && existsSync(`${file}.taking`), 'nothing of the taker is touched');
});
