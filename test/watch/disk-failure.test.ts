/** Which real failures of opening or writing a database count as the disk's (so its free space is said beside them). */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { isDiskFailure } from '../../app/watch/disk-failure';
import { Ledger } from '../../app/watch/ledger';
import { openSqlite } from '../../app/watch/sqlite';
import { tempDir } from './helpers';

const { dir, cleanup } = tempDir('lantern-disk-failure-');
after(cleanup);

/** The error `fn` throws (it must throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

it('a database that fills its space, or a file the file system will not open, is a disk failure', () => {
  const db = openSqlite(path.join(dir, 'full.db'));
  try {
    db.exec('CREATE TABLE t (v TEXT)');
    db.pragma('max_page_count = 3');
    const full = thrown(() => {
      for (;;) db.run('INSERT INTO t VALUES (?)', ['x'.repeat(4000)]);
    });
    assert.match((full as Error).message, /database or disk is full/);
    assert.equal(isDiskFailure(full), true);
  } finally {
    db.close();
  }
  const folder = path.join(dir, 'a-folder.db');
  mkdirSync(folder);
  assert.equal(isDiskFailure(thrown(() => openSqlite(folder))), true);
});

it('a ledger in use by another open, or of a newer schema, is not', () => {
  const file = path.join(dir, 'busy.db');
  const ledger = Ledger.open(file);
  try {
    const busy = thrown(() => Ledger.open(file));
    assert.match((busy as Error).message, /in use by process/);
    assert.equal(isDiskFailure(busy), false);
  } finally {
    ledger.close();
  }
  const db = openSqlite(file);
  db.pragma('user_version = 99');
  db.close();
  const newer = thrown(() => Ledger.open(file));
  assert.match((newer as Error).message, /newer than this build/);
  assert.equal(isDiskFailure(newer), false);
});
