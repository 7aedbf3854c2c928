import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { makeHost, stopHosts, waitForState } from '../helpers/engine';
import { fixture } from '../helpers/fixtures';

// onnxruntime's telemetry (Linux and macOS builds) keeps its device id and offline event store in the user's cache
// folder: a home of our own shows whether it ran. Nothing in this file loads onnxruntime in the test process itself.
const root = mkdtempSync(path.join(tmpdir(), 'lantern-ort-telemetry-'));

/**
 * A fresh home and temporary folder for one process, the environment that points it there, and what the telemetry
 * leaves: its store in the cache folder, and a `mat-debug-<pid>.log` in the temporary folder.
 */
function homeFor(name: string) {
  const home = path.join(root, name);
  const tmp = path.join(home, 'tmp');
  mkdirSync(tmp, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CACHE_HOME: home,
    TMPDIR: tmp,
    LANTERN_MODEL_CACHE: 'off',
  };
  delete env.ORT_DISABLE_TELEMETRY;
  return {
    env,
    store: path.join(home, 'Microsoft'),
    leftInTmp: () => readdirSync(tmp).filter((f) => f.startsWith('mat-debug')),
  };
}

after(async () => {
  await stopHosts();
  rmSync(root, { recursive: true, force: true });
});

test('the CLI reads an image with onnxruntime in its own process and leaves no telemetry id or event store', () => {
  const { env, store, leftInTmp } = homeFor('cli');
  const run = spawnSync(process.execPath, ['dist/node/cli.mjs', fixture('plate_000.jpg')], {
    encoding: 'utf8',
    env,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /\S/);
  assert.equal(existsSync(store), false, `onnxruntime telemetry wrote ${store}`);
  assert.deepEqual(leftInTmp(), [], 'no mat-debug log in the temporary folder');
});

test('the engine worker starts with onnxruntime telemetry off and leaves no telemetry id or event store', async () => {
  // The launcher passes on the test process's environment, as serve's and the desktop app's do theirs.
  const { env, store, leftInTmp } = homeFor('worker');
  Object.assign(process.env, env);
  delete process.env.ORT_DISABLE_TELEMETRY;
  const { host } = makeHost();
  host.start();
  const ready = await waitForState(host, 'ready');
  const read = await host.recognize({
    kind: 'bytes',
    name: 'plate.jpg',
    bytes: new Uint8Array(readFileSync(fixture('plate_000.jpg'))),
  });
  assert.ok(read.lines.length > 0);
  if (process.platform === 'linux') {
    const environ = readFileSync(`/proc/${ready.pid}/environ`, 'utf8').split('\0');
    assert.ok(environ.includes('ORT_DISABLE_TELEMETRY=1'), 'the worker got ORT_DISABLE_TELEMETRY=1');
  }
  await host.stop();
  assert.equal(existsSync(store), false, `onnxruntime telemetry wrote ${store}`);
  assert.deepEqual(leftInTmp(), [], 'no mat-debug log in the temporary folder');
});
