/** A ledger file SQLite cannot read is kept aside and a new one begun; one that is merely busy or newer is not. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Ledger } from '../../app/watch/ledger';
import { openLedgerSettingAside } from '../../app/watch/ledger-set-aside';
import { tempDir as makeTempDir } from './helpers';
import { textResult, damagePages } from '../helpers/ledger-damage';

/** A temporary folder, removed once the tests end. */
function tempDir(): string {
  const t = makeTempDir('lantern-ledger-aside-');
  after(t.cleanup);
  return t.dir;
}

const result = textResult('kept');

/** A real ledger of `n` history entries, checkpointed into its main file. */
function ledgerWith(file: string, n: number): void {
  const l = Ledger.open(file);
  for (let i = 0; i < n; i++) l.history.add(`img-${i}.png`, result);
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();
}

describe('a ledger SQLite cannot read', () => {
  for (const [what, spoil] of [
    ['not a database', (f: string) => writeFileSync(f, Buffer.alloc(10000, 7))],
    ['truncated', (f: string) => truncateSync(f, 40000)],
    // Page 1 (header and schema) intact: it opens, and only a statement reaching a later page would fail.
    ['damaged past its first page', (f: string) => damagePages(f, 3, 4)],
  ] as const) {
    it(`${what}: is moved to lantern.db.corrupt, a new ledger opens, and the notice says both`, () => {
      const dir = tempDir();
      const file = path.join(dir, 'lantern.db');
      ledgerWith(file, 200);
      spoil(file);
      const spoilt = readFileSync(file);
      const { ledger, notice } = openLedgerSettingAside(file);
      try {
        assert.deepEqual(ledger.history.list(), []);
        ledger.history.add('new.png', result);
        assert.equal(ledger.history.list().length, 1);
      } finally {
        ledger.close();
      }
      assert.deepEqual(readFileSync(`${file}.corrupt`), spoilt, 'the broken file is kept byte for byte');
      assert.equal(notice?.code, 'LEDGER_SET_ASIDE');
      assert.match(
        notice?.message ?? '',
        new RegExp(`^the ledger ${file} could not be read \\(.+\\); it was kept as ${file}\\.corrupt`),
      );
    });
  }

  it('a second bad file does not replace the first one kept', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lantern.db');
    writeFileSync(file, 'first');
    openLedgerSettingAside(file).ledger.close();
    writeFileSync(file, 'second');
    const { ledger, notice } = openLedgerSettingAside(file);
    ledger.close();
    assert.equal(readFileSync(`${file}.corrupt`, 'utf8'), 'first');
    assert.equal(readFileSync(`${file}.corrupt-2`, 'utf8'), 'second');
    assert.match(notice?.message ?? '', /kept as .*lantern\.db\.corrupt-2/);
  });

  it('a good ledger opens as it is, without a notice', () => {
    const file = path.join(tempDir(), 'lantern.db');
    ledgerWith(file, 3);
    const { ledger, notice } = openLedgerSettingAside(file);
    assert.equal(ledger.history.list().length, 3);
    ledger.close();
    assert.equal(notice, null);
  });

  it('a ledger from a newer version or in use is refused as before, and left where it is', () => {
    const dir = tempDir();
    const file = path.join(dir, 'lantern.db');
    const l = Ledger.open(file);
    l.db.pragma('user_version = 99');
    l.close();
    assert.throws(() => openLedgerSettingAside(file), /schema version 99, newer than this build's/);
    // Owned by a live process (pid 1 always runs): refused, as a second serve on the same folder is.
    const busy = path.join(dir, 'busy.db');
    ledgerWith(busy, 1);
    writeFileSync(`${busy}.owner`, '1');
    assert.throws(() => openLedgerSettingAside(busy), /in use by process 1/);
    assert.equal(existsSync(`${file}.corrupt`), false);
    assert.ok(!readdirSync(dir).some((n) => n.includes('corrupt')));
  });
});
