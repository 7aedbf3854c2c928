/** serve under npm follows its parent: gone once that process has exited or this one was adopted, and only then. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { parentGone, startedByNpm } from '../../app/cli/parent-watch';

test('a parent is gone once it has exited (Windows keeps its id) or this process was adopted (POSIX)', async () => {
  assert.equal(parentGone(process.ppid), false, 'the test runner, our parent, runs');
  const parent = spawn(process.execPath, ['-e', 'process.stdin.resume()'], {
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  await once(parent, 'spawn');
  const pid = parent.pid!;
  assert.equal(parentGone(pid, pid), false, 'a running parent');
  assert.equal(parentGone(pid, 1), true, 'adopted by init: the parent id changed');
  parent.stdin.end();
  await once(parent, 'exit');
  assert.equal(parentGone(pid, pid), true, 'the id stays, but no process has it');
});

test('serve watches its parent only when an npm script started it', () => {
  assert.equal(startedByNpm({ npm_lifecycle_event: 'serve' }), true);
  assert.equal(startedByNpm({}), false);
});
