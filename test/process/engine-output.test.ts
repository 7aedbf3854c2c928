import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { NodeLauncher } from '../../app/engine/node-launcher';

/** Runs `script` as the engine worker; resolves with the output lines the launcher reported once `done` holds. */
async function outputOf(script: string, done: (lines: readonly string[]) => boolean): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-engine-output-'));
  try {
    const file = path.join(dir, 'engine.mjs');
    await writeFile(file, script);
    const lines: string[] = [];
    let seen = () => {};
    const all = new Promise<void>((r) => (seen = r));
    new NodeLauncher(file, (l) => {
      lines.push(l);
      if (done(lines)) seen();
    }).launch({ provider: 'cpu', threads: 1, modelsDir: dir });
    await all;
    return lines;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('a worker line longer than a pipe read stays one line, and characters cut between reads stay whole', async () => {
  // 90 000 bytes: more than one 64 KiB pipe read, fewer characters than the longest line held back.
  const long = '中'.repeat(30_000);
  const lines = await outputOf(
    `process.stdout.write('out\\n');\nprocess.stderr.write(${JSON.stringify(long)} + '\\n' + 'after');\n`,
    (seen) => seen.includes('after') && seen.includes('out'),
  );
  assert.deepEqual(
    lines.map((l) => (l.length > 20 ? `${l.slice(0, 2)}…×${l.length}` : l)).sort(),
    ['after', 'out', `中中…×${long.length}`].sort(),
  );
  assert.equal(
    lines.find((l) => l.startsWith('中')),
    long,
  );
});

test('a worker that writes without end of line cannot make the host hold more than one long line', async () => {
  const lines = await outputOf(
    `process.stderr.write('x'.repeat(1 << 20));\n`,
    (seen) => seen.join('').length >= 1 << 20,
  );
  assert.ok(lines.length >= 2, `${lines.length} lines`);
  assert.equal(lines.join('').length, 1 << 20);
  for (const l of lines) assert.ok(l.length <= 64 * 1024, `a line of ${l.length}`);
});
