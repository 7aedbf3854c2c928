/**
 * The dev runner (app/watch/main.ts) over a ledger SQLite cannot read through: like serve, it keeps the file aside, says
 * so in a coded `warn LEDGER_SET_ASIDE` line and goes on with a new ledger, instead of exiting with its usage text.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, it } from 'node:test';
import { Ledger } from '../../app/watch/ledger';
import { startRunner, tempDir } from './helpers';
import { textResult, damagePages } from '../helpers/ledger-damage';

const { dir, cleanup } = tempDir('lantern-runner-set-aside-');
after(cleanup);

const result = textResult('kept');

it('a ledger damaged past its first page is kept as .corrupt and the runner reads the folder with a new one', async () => {
  const inbox = path.join(dir, 'in');
  const out = path.join(dir, 'out');
  mkdirSync(inbox);
  const db = path.join(dir, 'ledger.db');
  const l = Ledger.open(db);
  for (let i = 0; i < 200; i++) l.history.add(`img-${i}.png`, result);
  l.db.pragma('wal_checkpoint(TRUNCATE)');
  l.close();
  // Page 1 (header and schema) intact: SQLite opens the file, and only the read-through at open finds the damage.
  damagePages(db, 3, 4);

  const run = startRunner(['--watch', inbox, '--out', out, '--db', db, '--once']);
  assert.equal(await run.exited, 0, run.stderr());
  const warn = run
    .stderr()
    .split('\n')
    .filter((line) => / warn LEDGER_SET_ASIDE: /.test(line));
  assert.equal(warn.length, 1, run.stderr());
  assert.match(
    warn[0]!,
    new RegExp(`the ledger ${db} could not be read \\(.*\\); it was kept as ${db}\\.corrupt`),
  );
  assert.doesNotMatch(run.stderr(), /usage:/);
  assert.ok(existsSync(`${db}.corrupt`), 'the damaged file is kept');
  assert.ok(
    run.lines.some((line) => line.startsWith(`finished\t${inbox}\t`)),
    run.lines.join('\n'),
  );
  const fresh = Ledger.open(db);
  assert.deepEqual(fresh.history.list(), [], 'a new ledger was begun');
  fresh.close();
});

it('a ledger in use by another process is refused untouched, said without the usage text', async () => {
  const inbox = path.join(dir, 'in-held');
  mkdirSync(inbox);
  const db = path.join(dir, 'held.db');
  const holder = Ledger.open(db);
  after(() => holder.close());

  const run = startRunner(['--watch', inbox, '--out', path.join(dir, 'out-held'), '--db', db, '--once']);
  assert.equal(await run.exited, 1, run.stderr());
  assert.match(run.stderr(), new RegExp(`^watch: the ledger ${db} is in use`, 'm'));
  assert.doesNotMatch(run.stderr(), /usage:/);
  assert.ok(!existsSync(`${db}.corrupt`), 'nothing is set aside');
});
