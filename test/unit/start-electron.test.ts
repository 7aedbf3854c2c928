/** `npm start`'s launcher (scripts/start-electron.mjs): one clear line and exit 1 without a binary, else runs it on this folder. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-start-script-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const start = (env: Record<string, string>, args: string[] = []) =>
  spawnSync(process.execPath, ['scripts/start-electron.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });

test('no Electron binary: one line naming what is missing and `npx install-electron`, exit 1, no stack', () => {
  const r = start({ ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp, 'empty') });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(
    lines[0]!,
    /^Lantern OCR cannot start: the Electron \d+\.\d+\.\d+ binary is not installed \(.*electron is missing\)/,
  );
  assert.match(lines[0]!, /run `npx install-electron`/);
  assert.doesNotMatch(r.stderr, /\n\s+at |TypeError|fetch failed/);
});

test(
  'with a binary: runs it on this folder with the arguments, without ELECTRON_RUN_AS_NODE, and passes its exit code on',
  { skip: process.platform === 'win32' },
  () => {
    const dist = path.join(tmp, 'dist');
    const exe = path.join(
      dist,
      process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron',
    );
    rmSync(dist, { recursive: true, force: true });
    mkdirSync(path.dirname(exe), { recursive: true });
    writeFileSync(exe, '#!/bin/sh\necho "args: $* run-as-node: ${ELECTRON_RUN_AS_NODE:-unset}"\nexit 3\n');
    chmodSync(exe, 0o755);
    const r = start({ ELECTRON_OVERRIDE_DIST_PATH: dist, ELECTRON_RUN_AS_NODE: '1' }, ['--hidden']);
    assert.equal(r.status, 3);
    assert.equal(r.stdout.trim(), 'args: . --hidden run-as-node: unset');
  },
);
