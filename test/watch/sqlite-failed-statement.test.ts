/** A statement that failed once (a constraint, a full disk) must not fail its next, good run, nor the close. */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { openSqlite } from '../../app/watch/sqlite';
import { tempDir } from './helpers';

const { dir, cleanup } = tempDir('lantern-sqlite-failed-');
after(cleanup);

it('after a failed run the same statement runs again with good values, and the database closes and is released', () => {
  const file = path.join(dir, 'unique.db');
  const db = openSqlite(file);
  db.exec('CREATE TABLE t (v TEXT UNIQUE)');
  const insert = 'INSERT INTO t VALUES (?)';
  db.run(insert, ['a']);
  assert.throws(() => db.run(insert, ['a']), /UNIQUE constraint failed/);
  assert.equal(db.run(insert, ['b']), 1);
  assert.throws(() => db.all('INSERT INTO t VALUES (?) RETURNING v', ['b']), /UNIQUE constraint failed/);
  assert.deepEqual(db.all('INSERT INTO t VALUES (?) RETURNING v', ['c']), [{ v: 'c' }]);
  assert.throws(() => db.run(insert, ['c']), /UNIQUE constraint failed/);
  db.close();
  assert.equal(db.open, false);
  assert.equal(existsSync(`${file}.owner`), false, 'ownership given up');
  const again = openSqlite(file);
  assert.deepEqual(
    again.all('SELECT v FROM t ORDER BY v').map((r) => r.v),
    ['a', 'b', 'c'],
  );
  again.close();
});
