/**
 * The bundled main process (dist/main/main.cjs) started under Node with a fake `electron` but the real engine:
 * utilityProcess.fork is child_process.fork of dist/node/engine.mjs, which loads the real models and warms up. The
 * real start-up sequence (settings, engine, ledger, window, tray) runs to the first "ready" status in the window.
 * The desktop is a Linux one without a tray host (stock GNOME): a login launch (--hidden) must still show the window,
 * and closing the window must quit the app and stop the engine rather than hide it to a tray nobody sees.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { EngineStatus } from '../../app/contracts/status';
import { eventChannel } from '../../main/ipc-channels';
import { createFakeElectron, loadWithFakeElectron } from '../helpers/fake-electron';
import { fakeTrayHost } from '../helpers/fake-tray-host';
import { forkAsUtility } from '../helpers/fork-utility';

const linux = process.platform === 'linux';
const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-start-'));
const outDir = path.resolve('dist', `.test-start-${process.pid}`);
const engines: ChildProcess[] = [];
if (linux) after(fakeTrayHost(path.join(tmp, 'bin'), 'absent'));
after(() => {
  for (const c of engines) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

const fake = createFakeElectron({
  userData: path.join(tmp, 'user-data'),
  // Electron's utilityProcess, played by Node's fork.
  fork: (modulePath, args, options) => {
    const { child, utility } = forkAsUtility(modulePath, args, options);
    engines.push(child);
    return utility;
  },
});
let loader: ReturnType<typeof loadWithFakeElectron>;
before(() => {
  loader = loadWithFakeElectron(fake.electron, outDir);
  process.argv.push('--hidden'); // as the login item starts it
});
after(async () => {
  // A failed test leaves the app running: quit it (engine, watchers, timers) so this process can end.
  if (!fake.quitLog.includes('quit done')) {
    fake.app.quit();
    // Best effort after a failure: the failed test is what reports it.
    await fake.waitFor('the quit', () => fake.quitLog.includes('quit done'), 30_000).catch(() => {});
  }
  loader.restore();
  process.argv.splice(process.argv.indexOf('--hidden'), 1);
});

const statuses = () =>
  fake.windows[0]?.webContents.sent
    .filter(([ch]) => ch === eventChannel('status'))
    .map(([, s]) => s as EngineStatus) ?? [];

describe('main started with the real engine', () => {
  test('ready: the engine process loads the models and the window hears "ready"', async () => {
    loader.load('main.cjs');
    fake.ready();
    await fake.waitFor(
      'the window and the tray',
      () => fake.windows.length === 1 && fake.trays.length === 1,
      60_000,
    );
    await fake.waitFor(
      'a ready status in the window',
      () => statuses().some((s) => s.state === 'ready'),
      180_000,
    );
    assert.equal(engines.length, 1);
    assert.equal(engines[0]!.exitCode, null, 'the engine keeps running');
    const ready = statuses().find((s) => s.state === 'ready')!;
    assert.equal(ready.pid, engines[0]!.pid);
    await fake.waitFor('the tray menu', () =>
      (fake.trays[0]!.menus.at(-1) ?? []).some((i) => i.label?.startsWith('Model: Model ready')),
    );
    assert.ok(!fake.timeline.some((t) => t.startsWith('error-box')), fake.timeline.join('\n'));
  });

  test(
    'no tray host on Linux: a --hidden start still shows the window, and closing it quits',
    { skip: !linux },
    async () => {
      const win = fake.windows[0]!;
      win.emit('ready-to-show');
      await fake.waitFor('the window shown despite --hidden', () => win.visible, 30_000);
      assert.equal(win.close(), false, 'the close is not turned into a hide');
      await fake.waitFor('the quit', () => fake.quitLog.includes('quit done'), 30_000);
      await fake.waitFor(
        'the engine exit',
        () => engines[0]!.exitCode !== null || engines[0]!.signalCode !== null,
        30_000,
      );
      assert.deepEqual(fake.notifications, [], 'no "still running in the tray" notice');
    },
  );
});
