/**
 * The desktop app whose lantern.db is found damaged while it runs, through the bundled main process
 * (dist/main/main.cjs) with a fake `electron`: it goes on, logs the damage once, notifies as it does for a ledger kept
 * aside at start, and the bridge answers LEDGER_DAMAGED.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { WatchFolder } from '../../app/contracts/lantern-api';
import { HISTORY_MAX } from '../../app/watch/history-store';
import { Ledger } from '../../app/watch/ledger';
import { ipcChannel, type IpcReply } from '../../main/ipc-channels';
import { createFakeElectron, loadWithFakeElectron, type FakeWindow } from '../helpers/fake-electron';
import { FakeUtilityChild } from '../helpers/fake-engine-child';
import { fakeTrayHost } from '../helpers/fake-tray-host';
import { textResult, damagePages } from '../helpers/ledger-damage';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-ledger-damaged-'));
const outDir = path.resolve('dist', `.test-ledger-damaged-${process.pid}`);
const userData = path.join(tmp, 'user-data');
const ledgerFile = path.join(userData, 'lantern.db');
const watched = path.join(tmp, 'watched');
after(fakeTrayHost(path.join(tmp, 'bin'), 'present'));
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

const fake = createFakeElectron({ userData, fork: () => new FakeUtilityChild(9400) });
let loader: ReturnType<typeof loadWithFakeElectron>;
before(() => {
  loader = loadWithFakeElectron(fake.electron, outDir);
});
after(() => loader.restore());

const result = textResult('words '.repeat(300));

const invoke = async <T>(w: FakeWindow, op: string, payload?: unknown) =>
  (await fake.ipcHandlers.get(ipcChannel(op as never))!(
    { sender: { id: w.webContents.id }, senderFrame: { url: 'lantern://app/index.html', parent: null } },
    payload,
  )) as IpcReply<T>;

test('a ledger found damaged while the app runs: it goes on, logs and notifies once, and the bridge says why', async () => {
  mkdirSync(watched, { recursive: true });
  mkdirSync(userData, { recursive: true });
  // A history larger than SQLite's page cache, with one watched folder: the pages read through at open are read again.
  // As many entries as History keeps: each one past that only replaces the oldest, at the cost of a pruning pass.
  const l = Ledger.open(ledgerFile);
  l.folders.add(watched, { recursive: false, outDir: null, formats: ['txt'], patterns: [] }, 'watch');
  l.db.transaction(() => {
    for (let i = 0; i < HISTORY_MAX; i++) l.history.add(`page-${i}.png`, result);
  });
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();

  loader.load('main.cjs');
  fake.ready();
  await fake.waitFor('the tray', () => fake.trays.length === 1);
  const w = fake.windows[0]!;
  const listed = await invoke<WatchFolder[]>(w, 'watchList');
  assert.ok(listed.ok && listed.value.length === 1, JSON.stringify(listed));
  // Every page past the schema's and the folder's written over, as a failing disk would leave them.
  damagePages(ledgerFile, 21, statSync(ledgerFile).size / 4096 - 20);

  for (let i = 0; i < 2; i++) {
    const history = await invoke(w, 'historyList', { limit: 500 });
    assert.equal(history.ok ? 'ok' : history.error.code, 'LEDGER_DAMAGED');
  }
  const damaged = fake.notifications.filter((n) => /^Watching stopped: the ledger is damaged \| /.test(n));
  assert.equal(damaged.length, 1, fake.notifications.join('\n'));
  assert.match(damaged[0]!, new RegExp(`the ledger ${ledgerFile} is damaged \\(.*\\); restart`));
  const list = await invoke<WatchFolder[]>(w, 'watchList');
  assert.equal(list.ok ? list.value[0]?.notice?.code : list.error.code, 'LEDGER_DAMAGED');
  const enable = await invoke(w, 'watchSetEnabled', { id: listed.value[0]!.id, enabled: true });
  assert.equal(enable.ok ? 'ok' : enable.error.code, 'LEDGER_DAMAGED');
  const log = readFileSync(path.join(userData, 'logs', 'lantern.log'), 'utf8');
  assert.equal(log.match(/LEDGER_DAMAGED: /g)?.length, 1, log);

  fake.app.quit();
  await fake.waitFor('the quit', () => fake.quitLog.includes('quit done'));
});
