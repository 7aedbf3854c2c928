import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { EngineHost } from '../../app/engine/host';
import { parseServeArgs } from '../../app/serve/args';
import { openServeServices } from '../../app/serve/services';

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
        /^warn the ledger .*lantern\.db could not be read .*kept as .*lantern\.db\.corrupt/.test(l),
      ),
      lines.join('\n'),
    );
  } finally {
    await services.close();
  }
});
