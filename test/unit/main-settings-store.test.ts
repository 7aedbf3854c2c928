import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../app/contracts/settings';
import { LanternError } from '../../app/contracts/errors';
import { settingsPatchInputSchema } from '../../app/contracts/op-schemas';
import {
  mergeSettings,
  SETTINGS_FILE,
  SettingsStore,
  type SettingsFs,
} from '../../app/settings/settings-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, SETTINGS_FILE);
const onDisk = () => JSON.parse(readFileSync(file(), 'utf8')) as Record<string, unknown>;

test('no settings file: the defaults, silently', () => {
  const s = SettingsStore.open(dir);
  assert.deepEqual(s.get(), DEFAULT_SETTINGS);
  assert.equal(s.notice, null);
});

test('a corrupt file falls back to the defaults with a notice and is kept aside, never a crash', () => {
  writeFileSync(file(), '{"provider": "cpu", "threads": 4,,, garbage');
  const s = SettingsStore.open(dir);
  assert.deepEqual(s.get(), DEFAULT_SETTINGS);
  assert.match(s.notice ?? '', /corrupt/);
  assert.match(s.notice ?? '', /settings\.json\.corrupt/);
  assert.equal(readFileSync(`${file()}.corrupt`, 'utf8'), '{"provider": "cpu", "threads": 4,,, garbage');
});

test('a file with invalid values falls back to the defaults with a notice', () => {
  writeFileSync(file(), JSON.stringify({ provider: 'quantum', threads: -3 }));
  const s = SettingsStore.open(dir);
  assert.deepEqual(s.get(), DEFAULT_SETTINGS);
  assert.match(s.notice ?? '', /invalid/);
});

test('a valid partial file (an older version) is completed with defaults', () => {
  writeFileSync(file(), JSON.stringify({ provider: 'cpu', closeToTray: false }));
  const s = SettingsStore.open(dir);
  assert.equal(s.notice, null);
  assert.equal(s.get().provider, 'cpu');
  assert.equal(s.get().closeToTray, false);
  assert.equal(s.get().threads, DEFAULT_SETTINGS.threads);
});

test('set() changes only the keys given, persists them and survives a reopen; no temp file is left', async () => {
  const s = SettingsStore.open(dir);
  const seen: [number, number][] = [];
  s.onChange((next, prev) => seen.push([prev.threads, next.threads]));
  await s.set({ threads: 4 });
  await s.set({ http: { enabled: true } }); // nested: port and token keep their values
  assert.equal(s.get().threads, 4);
  assert.equal(s.get().http.enabled, true);
  assert.equal(s.get().http.port, 8765);
  assert.equal(onDisk().threads, 4);
  assert.deepEqual(readdirSync(dir), [SETTINGS_FILE]);
  assert.deepEqual(seen, [
    [0, 4],
    [4, 4],
  ]);
  const reopened = SettingsStore.open(dir);
  assert.deepEqual(reopened.get(), s.get());
});

test('set() refuses unknown keys and invalid values with a clear error and changes nothing', async () => {
  const s = SettingsStore.open(dir);
  await s.set({ threads: 2 });
  await assert.rejects(
    s.set({ bogus: 1 }),
    (e: LanternError) => e.code === 'BAD_REQUEST' && /bogus/.test(e.message),
  );
  await assert.rejects(
    s.set({ http: { port: 80 } }),
    (e: LanternError) => e.code === 'BAD_REQUEST' && /http\.port/.test(e.message),
  );
  await assert.rejects(s.set('threads=3'), /must be an object/);
  assert.equal(s.get().threads, 2);
  assert.equal(s.get().http.port, 8765);
  assert.equal(onDisk().threads, 2);
});

test('atomic write: the data goes to a temp file that is renamed over; a failed rename leaves the old file whole', async () => {
  const calls: string[] = [];
  let failRename = false;
  const fs: SettingsFs = {
    writeFileSynced: async (f, data) => {
      calls.push(`write ${path.basename(f)}`);
      writeFileSync(f, data);
    },
    rename: async (from, to) => {
      calls.push(`rename ${path.basename(from)} -> ${path.basename(to)}`);
      if (failRename) throw Object.assign(new Error('EXDEV: simulated'), { code: 'EXDEV' });
      await rename(from, to);
    },
    rm: (f) => rm(f, { force: true }),
  };
  const s = SettingsStore.open(dir, fs);
  await s.set({ language: 'zh-CN' });
  assert.equal(calls.length, 2);
  assert.match(calls[0] ?? '', /^write settings\.json\.tmp-\d+-1$/);
  assert.match(calls[1] ?? '', /^rename settings\.json\.tmp-\d+-1 -> settings\.json$/);
  const before = readFileSync(file(), 'utf8');

  failRename = true;
  await assert.rejects(s.set({ language: 'en' }), /could not be saved: EXDEV/);
  assert.equal(readFileSync(file(), 'utf8'), before, 'the old file is untouched');
  assert.equal(s.get().language, 'zh-CN', 'memory keeps the last saved settings');
  assert.deepEqual(readdirSync(dir), [SETTINGS_FILE], 'the temp file is removed');
});

test('a guard refuses a change before it is written; its undo runs when the write fails', async () => {
  const failRename = { on: false };
  const store = SettingsStore.open(dir, {
    writeFileSynced: (f, d) => writeFile(f, d),
    rename: async (a, b) => {
      if (failRename.on) throw new Error('disk full');
      await rename(a, b);
    },
    rm: (f) => rm(f, { force: true }),
  });
  const taken: string[] = [];
  const changes: string[] = [];
  store.onChange((next) => changes.push(next.captureShortcut));
  store.guard((next, prev) => {
    if (next.captureShortcut === prev.captureShortcut) return;
    if (next.captureShortcut === 'Ctrl+Alt+T') throw new LanternError('SHORTCUT_UNAVAILABLE', 'taken');
    taken.push(next.captureShortcut);
    return () => taken.push(`undo ${next.captureShortcut}`);
  });
  await assert.rejects(store.set({ captureShortcut: 'Ctrl+Alt+T', language: 'en' }), {
    code: 'SHORTCUT_UNAVAILABLE',
  });
  assert.equal(store.get().language, 'system', 'the whole patch is refused');
  assert.ok(!existsSync(path.join(dir, SETTINGS_FILE)), 'nothing written');
  failRename.on = true;
  await assert.rejects(store.set({ captureShortcut: 'Super+T' }), { code: 'INTERNAL' });
  assert.deepEqual(taken, ['Super+T', 'undo Super+T']);
  failRename.on = false;
  await store.set({ captureShortcut: 'Super+T' });
  assert.deepEqual(changes, ['Super+T']);
});

test('concurrent set() calls are applied one after the other, none lost', async () => {
  const s = SettingsStore.open(dir);
  await Promise.all([s.set({ threads: 3 }), s.set({ language: 'en' }), s.set({ startMinimized: true })]);
  const d = onDisk();
  assert.equal(d.threads, 3);
  assert.equal(d.language, 'en');
  assert.equal(d.startMinimized, true);
});

test('mergeSettings replaces the idle policy whole (a discriminated union is never half-merged)', () => {
  const a = mergeSettings(DEFAULT_SETTINGS, { idlePolicy: { kind: 'unload-after', minutes: 5 } });
  assert.deepEqual(a.idlePolicy, { kind: 'unload-after', minutes: 5 });
  // Merged, `minutes` would survive from the old value and this would pass; replaced, it is incomplete.
  assert.throws(() => mergeSettings(a, { idlePolicy: { kind: 'unload-after' } }), /idlePolicy/);
  const b = mergeSettings(a, { idlePolicy: { kind: 'always-warm' } });
  assert.deepEqual(b.idlePolicy, { kind: 'always-warm' });
});

test('a partial http patch, as the HTTP API and IPC validate it, keeps the port and token it does not name', async () => {
  const s = SettingsStore.open(dir);
  const token = 'k'.repeat(24);
  await s.set(settingsPatchInputSchema.parse({ http: { enabled: true, port: 9100, token } }));
  await s.set(settingsPatchInputSchema.parse({ http: { enabled: false } }));
  assert.deepEqual(s.get().http, { enabled: false, port: 9100, token });
  assert.deepEqual(onDisk().http, { enabled: false, port: 9100, token });
  await s.set(settingsPatchInputSchema.parse({ http: { token: null } }));
  assert.deepEqual(s.get().http, { enabled: false, port: 9100, token: null });
});
