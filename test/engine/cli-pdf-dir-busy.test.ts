/** Two CLI runs into one `--searchable-pdf DIR`: the second is refused while the first writes, never a silent clobber. */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fixture } from '../helpers/fixtures';

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['dist/node/cli.mjs', '--format', 'text', ...args], { encoding: 'utf8' });

/** The exit status and stderr of a running CLI, once it ends. */
async function ended(child: ChildProcess): Promise<{ status: number | null; stderr: string }> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, stderr };
}

test('a second run into a folder a running run writes is refused naming it; once it ends, a run replaces its PDF', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-busy-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const out = path.join(dir, 'out');
  // The first run's input is a named pipe: it reads it until this test closes it, so it is held mid-run.
  const fifo = path.join(dir, 'scan.png');
  execFileSync('mkfifo', [fifo]);
  const first = spawn(
    process.execPath,
    ['dist/node/cli.mjs', '--format', 'text', '--searchable-pdf', out, fifo],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  t.after(() => first.kill());
  const firstEnd = ended(first);
  // Opening the pipe's writing end returns once the first run opens it to read: it has taken the folder by then.
  const writer = await open(fifo, 'w');
  // Another input of the same name: written into the folder now, it would replace the first run's PDF.
  mkdirSync(path.join(dir, 'other'));
  copyFileSync(fixture('ic15_word_1.png'), path.join(dir, 'other', 'scan.png'));
  const second = cli(
    '--searchable-pdf',
    out,
    path.join(dir, 'other', 'scan.png'),
    fixture('ic15_word_1.png'),
  );
  assert.equal(second.status, 2, second.stderr);
  assert.match(
    second.stderr,
    new RegExp(
      `^lantern: FOLDER_BUSY: --searchable-pdf ${out}: another lantern run \\(process ${first.pid}\\) is writing`,
    ),
  );
  assert.deepEqual(
    readdirSync(out).filter((n) => !n.startsWith('.')),
    [],
    'the refused run wrote nothing',
  );
  await writer.writeFile(readFileSync(fixture('plate_000.jpg')));
  await writer.close();
  const firstDone = await firstEnd;
  assert.equal(firstDone.status, 0, firstDone.stderr);
  assert.deepEqual(readdirSync(out), ['scan.pdf'], 'the folder is left with the PDF alone');
  // A run after it ends takes the folder: re-running on the same name writes over its PDF.
  const before = readFileSync(path.join(out, 'scan.pdf'));
  rmSync(fifo);
  writeFileSync(fifo, readFileSync(fixture('ic15_word_1.png')));
  const again = cli('--searchable-pdf', out, fifo);
  assert.equal(again.status, 0, again.stderr);
  assert.notDeepEqual(readFileSync(path.join(out, 'scan.pdf')), before, 'the PDF is replaced');
  assert.deepEqual(readdirSync(out), ['scan.pdf']);
});

test("a folder a killed run held is taken by the next run (the claim's process is gone)", (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-cli-busy-stale-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const gone = spawnSync(process.execPath, ['-e', '']).pid;
  assert.ok(gone);
  writeFileSync(path.join(dir, '.lantern-cli.owner'), String(gone));
  const r = cli('--searchable-pdf', dir, fixture('ic15_word_1.png'));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readdirSync(dir), ['ic15_word_1.pdf']);
  assert.ok(!existsSync(path.join(dir, '.lantern-cli.owner')));
});
