/**
 * Screen capture through the bundled main process (dist/main/main.cjs) with a fake `electron` and a fake engine worker
 * that stays warming until the test opens its gate: the shortcut, the overlay (told the engine is warming), the
 * request that waits and is never lost, the clipboard, History with the crop, and the notification whose click brings
 * the window up with that region and its result.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { OverlayFrame, ShownCapture } from '../../app/contracts/capture-bridge';
import type { HistoryEntry } from '../../app/contracts/lantern-api';
import { CAPTURE_CHANNELS } from '../../main/capture-channels';
import { ipcChannel, type IpcReply } from '../../main/ipc-channels';
import { createFakeElectron, loadWithFakeElectron } from '../helpers/fake-electron';
import { FakeUtilityChild } from '../helpers/fake-engine-child';
import { fixture } from '../helpers/fixtures';
import { fakeTrayHost } from '../helpers/fake-tray-host';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'lantern-capture-app-'));
const outDir = path.resolve('dist', `.test-capture-${process.pid}`);
after(fakeTrayHost(path.join(tmp, 'bin'), 'present'));
after(() => {
  rmSync(tmp, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

/** What every crop of the fake screenshot encodes to: a real PNG of a word. */
const CROP_PNG = new Uint8Array(readFileSync(fixture('ic15_word_1.png')));
const crops: unknown[] = [];
const screenshot = {
  getSize: () => ({ width: 1920, height: 1080 }),
  crop: (r: unknown) => {
    crops.push(r);
    return { ...screenshot, getSize: () => ({ width: 600, height: 300 }), toPNG: () => CROP_PNG };
  },
  resize: () => screenshot,
  toPNG: () => new Uint8Array(0),
  toJPEG: () => new Uint8Array(0),
  toDataURL: () => 'data:image/png;base64,',
};

let openGate: () => void = () => {};
const gate = new Promise<void>((r) => (openGate = r));
let child: FakeUtilityChild | null = null;
const fake = createFakeElectron({
  userData: path.join(tmp, 'user-data'),
  fork: () => (child ??= new FakeUtilityChild(9100, { gate, text: 'Save changes?\nCancel' })),
});
const display = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 };
Object.assign(fake.electron.screen, { getAllDisplays: () => [display] });
Object.assign(fake.electron.desktopCapturer, {
  getSources: async () => [{ display_id: '1', thumbnail: screenshot }],
});

let loader: ReturnType<typeof loadWithFakeElectron>;
before(() => {
  loader = loadWithFakeElectron(fake.electron, outDir);
});
after(() => loader.restore());

test('shortcut while the engine warms: the overlay says so, the region waits, then the text is copied; the notification opens it in the window', async () => {
  loader.load('main.cjs');
  fake.ready();
  await fake.waitFor('the tray', () => fake.trays.length === 1);
  const main = fake.windows[0]!;
  main.hide();
  const shortcut = fake.shortcutHandlers.get('CommandOrControl+Alt+Shift+O');
  assert.ok(shortcut, 'the capture shortcut is registered');

  shortcut();
  await fake.waitFor('the overlay', () => fake.windows.length === 2);
  const overlay = fake.windows[1]!;
  assert.equal(overlay.url, 'lantern://app/index.html#capture');
  overlay.emit('ready-to-show');
  const sender = { sender: { id: overlay.webContents.id } };
  const frame = (await fake.ipcHandlers.get(CAPTURE_CHANNELS.frame)!(sender)) as OverlayFrame;
  assert.equal(frame.warming, true, 'the overlay is told the engine is still warming');
  assert.equal(frame.language, 'system');
  assert.deepEqual([frame.width, frame.height], [1920, 1080]);

  // The selection is committed while the engine is still warming.
  for (const fn of fake.ipcListeners.get(CAPTURE_CHANNELS.select)!)
    fn(sender, { x: 100, y: 200, width: 600, height: 300 });
  await fake.waitFor('the waiting notice', () =>
    fake.notifications.some((n) => n.startsWith('The engine is still starting')),
  );
  assert.equal(overlay.destroyed, true, 'the overlay closed with the selection');
  assert.deepEqual(crops, [{ x: 100, y: 200, width: 600, height: 300 }]);
  assert.deepEqual(fake.clipboardText, []);
  assert.ok(!child!.requests.some((m) => m.type === 'recognize'), 'nothing reaches a warming worker');
  // The shortcut again while the region waits: no new overlay, and a notification says the region is on its way.
  shortcut();
  await fake.waitFor('the in-progress notice', () =>
    fake.notifications.includes(
      'A capture is already in progress | The region you selected will be read and copied as soon as the engine is ready.',
    ),
  );
  assert.equal(fake.windows.length, 2, 'no second overlay');

  openGate();
  await fake.waitFor('the clipboard', () => fake.clipboardText.length === 1);
  assert.deepEqual(fake.clipboardText, ['Save changes?\nCancel']);
  const req = child!.requests.find((m) => m.type === 'recognize');
  assert.ok(req && req.type === 'recognize' && req.input.kind === 'bytes');
  assert.deepEqual(new Uint8Array(req.input.bytes), CROP_PNG, 'the crop went to the engine');

  // History has the entry with its crop.
  const ipc = {
    sender: { id: main.webContents.id },
    senderFrame: { url: 'lantern://app/index.html', parent: null },
  };
  // History is written right after the clipboard (the crop's copy may need an encode): poll for it.
  let list: HistoryEntry[] = [];
  for (let i = 0; i < 500 && list.length === 0; i++) {
    const r = (await fake.ipcHandlers.get(ipcChannel('historyList'))!(ipc, {})) as IpcReply<HistoryEntry[]>;
    assert.ok(r.ok);
    list = r.value;
    if (list.length === 0) await new Promise((res) => setTimeout(res, 10));
  }
  assert.equal(list[0]!.name, 'Screen capture');
  assert.equal(list[0]!.image, `data:image/png;base64,${Buffer.from(CROP_PNG).toString('base64')}`);

  // The notification: a click brings the window up, focused, and sends it this region with its result.
  const note = fake.shown.find((n) => n.n.title === 'Text copied to the clipboard')!;
  assert.equal(note.n.body, 'Save changes?');
  assert.equal(main.visible, false);
  note.emit('click');
  assert.equal(main.visible, true);
  assert.equal(main.focused, true);
  const sent = main.webContents.sent.filter(([ch]) => ch === CAPTURE_CHANNELS.show);
  assert.equal(sent.length, 1);
  const shownCapture = sent[0]![1] as ShownCapture;
  assert.equal(shownCapture.result.text, 'Save changes?\nCancel');
  assert.deepEqual(shownCapture.png, CROP_PNG);

  fake.app.quit();
  await fake.waitFor('the quit', () => fake.quitLog.includes('quit done'));
});
