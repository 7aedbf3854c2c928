/**
 * A ledger whose first page reads but whose later pages are damaged: serve keeps the file aside, begins a new ledger
 * and goes on serving, watching and answering /ocr, and says so once with a coded notice naming the file.
 */
import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { WatchFolder, WatchLedger } from '../../app/contracts/lantern-api';
import { Ledger } from '../../app/watch/ledger';
import { fixture } from '../helpers/fixtures';
import { until } from '../helpers/http';
import { spawnServe } from '../helpers/serve-child';
import { textResult, damagePages } from '../helpers/ledger-damage';

const result = textResult('kept '.repeat(100));

/** A ledger that watches `inDir` with `n` files read, checkpointed into its main file, as a stopped serve leaves it. */
function ledgerWith(file: string, inDir: string, outDir: string, n: number): void {
  const l = Ledger.open(file);
  const f = l.folders.add(inDir, { recursive: false, outDir, formats: ['txt'], patterns: [] }, 'watch');
  for (let i = 0; i < n; i++) {
    const row = l.noteSeen(f.id, `old-${i}.png`, 100, 1000)!;
    l.claimNext([f.id]);
    l.markDone(row.id, {
      sha256: String(i).padStart(64, '0'),
      size: 100,
      mtimeMs: 1000,
      outputs: [],
      result,
      ocrMs: 1,
      totalMs: 1,
    });
  }
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();
}

test(
  'serve on a ledger damaged past its first page: kept aside, a new one begun, /ocr and watching go on',
  { timeout: 120000 },
  async (t) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lantern-ledger-damaged-'));
    t.after(() => rmSync(root, { recursive: true, force: true }));
    const [data, inDir, outDir] = ['data', 'in', 'out'].map((d) => path.join(root, d)) as [
      string,
      string,
      string,
    ];
    for (const d of [data, inDir]) mkdirSync(d);
    const file = path.join(data, 'lantern.db');
    ledgerWith(file, inDir, outDir, 300);
    damagePages(file, 3, 4); // page 1, the header and schema, stays intact
    const damaged = readFileSync(file);
    copyFileSync(fixture('plate_000.jpg'), path.join(inDir, 'plate.jpg'));

    const s = spawnServe(['--data', data, '--watch', inDir, '--out', outDir]);
    t.after(() => s.child.kill('SIGKILL'));
    const at = await s.serving;
    assert.ok(at, `serve stopped: ${s.io.err}`);
    const auth = { authorization: `Bearer ${at.token}` };

    await until(async () => (await fetch(`${at.base}/ready`)).status === 200, 60000);
    const ocr = await fetch(`${at.base}/ocr`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'image/jpeg' },
      body: readFileSync(fixture('plate_000.jpg')),
    });
    assert.equal(ocr.status, 200);

    // The watched folder is watched again in the new ledger, its file read, and the notice on it names both files.
    const folder = async () =>
      ((await (await fetch(`${at.base}/api/watch`, { headers: auth })).json()) as WatchFolder[])[0];
    await until(async () => (await folder())?.counts.done === 1, 60000);
    const notice = (await folder())!.notice;
    assert.equal(notice?.code, 'LEDGER_SET_ASIDE');
    assert.ok(notice.message.includes(file) && notice.message.includes(`${file}.corrupt`), notice.message);

    assert.deepEqual(readFileSync(`${file}.corrupt`), damaged, 'the damaged file is kept byte for byte');
    const said = s.io.err.split('\n').filter((l) => l.includes('LEDGER_SET_ASIDE'));
    assert.equal(said.length, 1, s.io.err);
    assert.match(
      said[0]!,
      / warn LEDGER_SET_ASIDE: the ledger .*lantern\.db could not be read \(database disk image is malformed: .+\); it was kept as/,
    );
    assert.ok(!said[0]!.includes('\\x0a'), `one finding, on one line: ${said[0]}`);

    s.child.kill('SIGTERM');
    assert.equal(await s.exited, 0);
    assert.ok(!existsSync(`${file}.owner`) && !existsSync(`${file}.lock`), 'the ledger is given up on exit');
  },
);

test(
  'serve --data without --watch on a ledger it cannot read says so at /api/watch/ledger, with no folder to carry it',
  { timeout: 60000 },
  async (t) => {
    const data = mkdtempSync(path.join(os.tmpdir(), 'lantern-ledger-notice-'));
    t.after(() => rmSync(data, { recursive: true, force: true }));
    const file = path.join(data, 'lantern.db');
    writeFileSync(file, Buffer.alloc(10000, 7));

    const ledgerOf = async (args: readonly string[]) => {
      const s = spawnServe(args);
      t.after(() => s.child.kill('SIGKILL'));
      const at = await s.serving;
      assert.ok(at, `serve stopped: ${s.io.err}`);
      const auth = { authorization: `Bearer ${at.token}` };
      const folders = (await (
        await fetch(`${at.base}/api/watch`, { headers: auth })
      ).json()) as WatchFolder[];
      const res = await fetch(`${at.base}/api/watch/ledger`, { headers: auth });
      const body = (await res.json()) as WatchLedger;
      s.child.kill('SIGTERM');
      assert.equal(await s.exited, 0);
      return { folders, status: res.status, body };
    };

    const first = await ledgerOf(['--data', data]);
    assert.deepEqual(first.folders, [], 'no folder is watched, so none carries the notice');
    assert.equal(first.status, 200);
    assert.equal(first.body.notice?.code, 'LEDGER_SET_ASIDE');
    assert.match(
      first.body.notice.message,
      /could not be read \(file is not a database\); it was kept as .*lantern\.db\.corrupt/,
    );

    // The new ledger reads: the next start has nothing to say of it.
    const next = await ledgerOf(['--data', data]);
    assert.deepEqual(next.body, { notice: null });
  },
);
