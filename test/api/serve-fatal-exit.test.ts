/**
 * serve that cannot start (its port taken, a --watch folder refused) exits with the reason and gives up the ledger it
 * opened: no owner or lock file is left in the data folder for the next start, or an operator, to puzzle over.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

/** Runs serve to its exit; its exit code and log. */
function runServe(args: readonly string[]): Promise<{ code: number | null; err: string }> {
  const child = spawn(process.execPath, ['dist/node/serve.mjs', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, err })));
}

/** A data folder in a temporary root, removed after the test. */
function root(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-serve-fatal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What serve leaves in its data folder besides the ledger and settings. */
const leftovers = (data: string) => readdirSync(data).filter((n) => /\.(owner|lock)$/.test(n));

test(
  'serve whose port is taken exits 1 and leaves no ledger owner or lock behind',
  { timeout: 60000 },
  async (t) => {
    const data = path.join(root(t), 'data');
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    t.after(() => taken.close());
    const port = (taken.address() as net.AddressInfo).port;
    const { code, err } = await runServe(['--port', String(port), '--data', data]);
    assert.equal(code, 1);
    assert.match(err, /already in use/);
    assert.ok(existsSync(path.join(data, 'lantern.db')), err);
    assert.deepEqual(leftovers(data), []);
  },
);

test(
  'serve whose --watch folder is refused exits 1 and leaves no ledger owner or lock behind',
  { timeout: 60000 },
  async (t) => {
    const dir = root(t);
    const [data, watched] = [path.join(dir, 'data'), path.join(dir, 'in')];
    mkdirSync(watched);
    const { code, err } = await runServe([
      '--port',
      '0',
      '--data',
      data,
      '--watch',
      watched,
      '--out',
      watched,
    ]);
    assert.equal(code, 1);
    assert.match(err, /is the watched folder itself/);
    assert.deepEqual(leftovers(data), []);
  },
);
