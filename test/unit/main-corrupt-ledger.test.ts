/**
 * The desktop app over a user-data folder whose lantern.db SQLite cannot read, through the bundled main process
 * (dist/main/main.cjs) with a fake `electron`: it starts, keeps the file as lantern.db.corrupt, logs and notifies, and
 * the window hears the LEDGER_SET_ASIDE notice (`watchLedger`, and on the folders it lists), as in `serve`.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { WatchFolder, WatchLedger } from '../../app/contracts/lantern-api';
import { ipcChannel, type IpcReply } from '../../main/ipc-channels';
import { createFakeElectron, loadWithFakeElectron, type FakeWindow } from '../helpers/fake-electron';
import { FakeUtilityChild } from '../helpers/fake-engine-child';
import { fakeTrayHost } from '../helpers/fake-tray-host';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-corrupt-ledger-'));
const outDir = path.resolve('dist', `.test-corrupt-ledger-${process.pid}`);
const userData = path.join(tmp, 'user-data');
const inbox = path.join(tmp, 'inbox');
after(fakeTrayHost(path.join(tmp, 'bin'), 'present'));
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

const fake = createFakeElectron({ userData, fork: () => new FakeUtilityChild(9300) });
let loader: ReturnType<typeof loadWithFakeElectron>;
before(() => {
  loader = loadWithFakeElectron(fake.electron, outDir);
});
after(() => loader.restore());

const invoke = async <T>(w: FakeWindow, op: string, payload?: unknown) => {
  const handler = fake.ipcHandlers.get(ipcChannel(op as never));
  assert.ok(handler, `main answers ${op}`);
  return (await handler(
    { sender: { id: w.webContents.id }, senderFrame: { url: 'lantern://app/index.html', parent: null } },
    payload,
  )) as IpcReply<T>;
};

test('a lantern.db SQLite cannot read is kept aside; the app starts with a new one and says so', async () => {
  const broken = Buffer.alloc(10000, 7);
  mkdirSync(userData, { recursive: true });
  writeFileSync(path.join(userData, 'lantern.db'), broken);
  loader.load('main.cjs');
  fake.ready();
  await fake.waitFor('the tray', () => fake.trays.length === 1);
  assert.equal(fake.windows.length, 1, 'the window is made');
  assert.deepEqual(readFileSync(path.join(userData, 'lantern.db.corrupt')), broken);
  assert.ok(
    fake.notifications.some((n) =>
      /^History and watched folders were reset \| .*kept as .*lantern\.db\.corrupt/.test(n),
    ),
    fake.notifications.join('\n'),
  );
  assert.match(
    readFileSync(path.join(userData, 'logs', 'lantern.log'), 'utf8'),
    /could not be read \(file is not a database\)/,
  );
  // With no folder yet to carry it, the window still hears that the ledger began anew, and why.
  const w = fake.windows[0]!;
  assert.deepEqual(await invoke<WatchFolder[]>(w, 'watchList'), { ok: true, value: [] });
  const ledger = await invoke<WatchLedger>(w, 'watchLedger');
  assert.ok(ledger.ok, JSON.stringify(ledger));
  assert.equal(ledger.value.notice?.code, 'LEDGER_SET_ASIDE');
  assert.match(
    ledger.value.notice.message,
    /could not be read \(file is not a database\).*kept as .*lantern\.db\.corrupt/,
  );
  // The folders begin anew: the one the user watches again says why its history is gone, in the window's own list.
  mkdirSync(inbox);
  fake.electron.dialog.showOpenDialog = async () => ({ canceled: false, filePaths: [inbox] });
  const chosen = await invoke<string | null>(w, 'chooseFolder');
  assert.deepEqual(chosen, { ok: true, value: inbox });
  const added = await invoke<WatchFolder>(w, 'watchAdd', { dir: inbox, options: {} });
  assert.equal(added.ok ? added.value.notice?.code : added.error.code, 'LEDGER_SET_ASIDE');
  const listed = await invoke<WatchFolder[]>(w, 'watchList');
  assert.ok(listed.ok, JSON.stringify(listed));
  assert.equal(listed.value.length, 1);
  assert.match(listed.value[0]!.notice?.message ?? '', /could not be read .*kept as .*lantern\.db\.corrupt/);
  fake.app.quit();
  await fake.waitFor('the quit', () => fake.quitLog.includes('quit done'));
});
