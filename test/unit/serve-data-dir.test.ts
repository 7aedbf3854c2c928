import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { EngineHost } from '../../app/engine/host';
import { parseServeArgs } from '../../app/serve/args';
import { openServeServices } from '../../app/serve/services';
import { Ledger } from '../../app/watch/ledger';
import { openSqlite } from '../../app/watch/sqlite';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-serve-data-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An engine that only takes settings: the data folder's files are what is under test. */
const engine = { reconfigure: () => undefined } as unknown as EngineHost;

test('serve --data with a corrupt settings file says so in its log, keeps the file aside and goes on with defaults', async () => {
  const broken = '{"provider": "cpu", "threads": 2,';
  writeFileSync(path.join(dir, 'settings.json'), broken);
  const lines: string[] = [];
  const services = await openServeServices(engine, parseServeArgs(['--data', dir], {}, dir), (level, msg) =>
    lines.push(`${level} ${msg}`),
  );
  try {
    const settings = services.backend.settings!.get();
    assert.equal(settings.provider, 'auto');
    assert.equal(readFileSync(path.join(dir, 'settings.json.corrupt'), 'utf8'), broken);
    assert.ok(
      lines.some((l) =>
        /^warn settings file is corrupt .*defaults used.*kept as settings\.json\.corrupt/.test(l),
      ),
      lines.join('\n'),
    );
  } finally {
    await services.close();
  }
});

test('serve --data with a ledger SQLite cannot read keeps it as lantern.db.corrupt, says so and starts a new one', async () => {
  const broken = Buffer.alloc(10000, 7);
  writeFileSync(path.join(dir, 'lantern.db'), broken);
  const lines: string[] = [];
  const services = await openServeServices(engine, parseServeArgs(['--data', dir], {}, dir), (level, msg) =>
    lines.push(`${level} ${msg}`),
  );
  try {
    assert.deepEqual(services.backend.history!.list(100), []);
    assert.deepEqual(readFileSync(path.join(dir, 'lantern.db.corrupt')), broken);
    assert.ok(
      lines.some((l) =>
        /^warn LEDGER_SET_ASIDE: the ledger .*lantern\.db could not be read .*kept as .*lantern\.db\.corrupt/.test(
          l,
        ),
      ),
      lines.join('\n'),
    );
  } finally {
    await services.close();
  }
});

test('serve --data with --provider or --threads runs and saves what the flags say over the stored settings', async () => {
  writeFileSync(
    path.join(dir, 'settings.json'),
    JSON.stringify({ provider: 'auto', threads: 2, language: 'zh-CN' }),
  );
  const applied: unknown[] = [];
  const seen = { reconfigure: (s: unknown) => applied.push(s) } as unknown as EngineHost;
  const lines: string[] = [];
  const open = (args: string[]) =>
    openServeServices(seen, parseServeArgs(['--data', dir, ...args], {}, dir), (level, msg) =>
      lines.push(`${level} ${msg}`),
    );
  let services = await open(['--provider', 'cpu', '--threads=3']);
  try {
    const settings = services.backend.settings!.get();
    assert.deepEqual([settings.provider, settings.threads, settings.language], ['cpu', 3, 'zh-CN']);
    assert.deepEqual(applied[0], { provider: 'cpu', threads: 3, idlePolicy: settings.idlePolicy });
    assert.ok(lines.some((l) => /^info --provider cpu and --threads 3 saved to the settings /.test(l)));
  } finally {
    await services.close();
  }
  // Without the flags the stored settings run, as saved.
  lines.length = 0;
  services = await open([]);
  try {
    assert.equal(services.backend.settings!.get().threads, 3);
    assert.ok(!lines.some((l) => /saved to the settings/.test(l)), lines.join('\n'));
  } finally {
    await services.close();
  }
});

test('serve --data lists the history around a damaged or unknown row, and says once in its log which row it left out', async () => {
  const result = (text: string) => ({
    width: 10,
    height: 10,
    lines: [
      {
        text,
        score: 0.9,
        box: [
          [0, 0],
          [9, 0],
          [9, 9],
          [0, 9],
        ] as const,
      },
    ],
    text,
    ms: { decode: 1, det: 1, cls: 1, rec: 1, total: 4 },
    provider: 'cpu',
  });
  const lines: string[] = [];
  const open = () =>
    openServeServices(engine, parseServeArgs(['--data', dir], {}, dir), (level, msg) =>
      lines.push(`${level} ${msg}`),
    );
  const ledger = Ledger.open(path.join(dir, 'lantern.db'));
  const ids = ['a', 'b', 'c', 'd'].map((t) => ledger.history.add(t, result(t)).id);
  ledger.close();
  // What a crash mid-write, a bad copy or a newer build leaves in the table, written past the store with SQLite.
  const db = openSqlite(path.join(dir, 'lantern.db'));
  db.run('UPDATE history SET result = ? WHERE id = ?', ['{"width":10,"hei', ids[1]!]);
  db.run('UPDATE history SET result = ? WHERE id = ?', ['{"version":9,"text":["a"]}', ids[2]!]);
  db.run('INSERT INTO history (id, name, created_at, result, image) VALUES (?, ?, ?, ?, ?)', [
    'x',
    'x',
    0,
    'null',
    null,
  ]);
  db.close();
  const services = await open();
  try {
    const history = services.backend.history!;
    assert.deepEqual(
      (await history.list(100)).map((e) => [e.name, e.result.text]),
      [
        ['d', 'd'],
        ['a', 'a'],
      ],
    );
    // A left-out row does not count toward the limit: the next good ones take its place.
    assert.deepEqual(
      (await history.list(2)).map((e) => e.name),
      ['d', 'a'],
    );
    await history.list(100);
    const told = lines.filter((l) => /history entry/.test(l));
    assert.equal(told.length, 3, lines.join('\n'));
    for (const id of [ids[1]!, ids[2]!, 'x'])
      assert.ok(
        told.some((l) => l.startsWith('warn ') && l.includes(id)),
        told.join('\n'),
      );
  } finally {
    await services.close();
  }
});

test("serve --data refused a ledger in use or from a newer build says only why, naming its file once: the disk's free space has no part in it", async () => {
  const open = () => openServeServices(engine, parseServeArgs(['--data', dir], {}, dir), () => undefined);
  const file = path.join(dir, 'lantern.db');
  const first = await open();
  try {
    await assert.rejects(open(), (err: Error) => {
      assert.equal(
        err.message,
        `cannot open the watch ledger ${file}: it is in use by process ${process.pid}; one process at a time can open it`,
      );
      return true;
    });
  } finally {
    await first.close();
  }
  const db = openSqlite(file);
  db.pragma('user_version = 99');
  db.close();
  await assert.rejects(open(), (err: Error) => {
    assert.match(
      err.message,
      new RegExp(
        `^cannot open the watch ledger ${file}: it has schema version 99, newer than this build's \\d+; update Lantern OCR$`,
      ),
    );
    return true;
  });
});
