/**
 * Launches that come before the app is ready, through the bundled main process (dist/main/main.cjs) with a fake
 * `electron`: started hidden in the tray (`--hidden`, a desktop with a tray host), a second launch without files
 * before ready brings the window forward once it exists, as one after ready does.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createFakeElectron, loadWithFakeElectron } from '../helpers/fake-electron';
import { FakeUtilityChild } from '../helpers/fake-engine-child';
import { fakeTrayHost } from '../helpers/fake-tray-host';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-early-'));
const outDir = path.resolve('dist', `.test-early-${process.pid}`);
after(fakeTrayHost(path.join(tmp, 'bin'), 'present'));
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

const fake = createFakeElectron({
  userData: path.join(tmp, 'user-data'),
  fork: () => new FakeUtilityChild(9200),
});
let loader: ReturnType<typeof loadWithFakeElectron>;
before(() => {
  loader = loadWithFakeElectron(fake.electron, outDir);
});
after(() => loader.restore());

test('started hidden, a second launch without files before ready shows the window once it is made', async () => {
  process.argv.push('--hidden');
  try {
    loader.load('main.cjs');
  } finally {
    process.argv.splice(process.argv.indexOf('--hidden'), 1);
  }
  // The second launch hands over no files (lanternFiles empty) while the first is still starting.
  fake.app.emit('second-instance', {}, ['/opt/lantern'], '/', { lanternFiles: [] });
  fake.ready();
  await fake.waitFor('the tray', () => fake.trays.length === 1);
  const win = fake.windows[0]!;
  win.emit('ready-to-show');
  assert.equal(win.visible, true, 'the window came forward for the second launch');
  assert.equal(win.focused, true);
  assert.equal(fake.windows.length, 1, 'no second window');

  fake.app.quit();
  await fake.waitFor('the quit', () => fake.quitLog.includes('quit done'));
});
