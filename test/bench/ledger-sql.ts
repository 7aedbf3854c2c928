/**
 * `npx tsx test/bench/ledger-sql.ts [--n 10000]`: the ledger's SQLite backend on ledger-shaped work (upserts and
 * look-ups in one transaction, one commit per file, full file cycles through Ledger), on a temporary file.
 * better-sqlite3 (the old backend) is timed too when it is installed; figures go to docs/native-modules.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { watchOptionsSchema } from '../../app/contracts/lantern-api';
import { Ledger } from '../../app/watch/ledger';
import { openSqlite, type SqlValue } from '../../app/watch/sqlite';

/** The few operations the figures need, over either backend. */
interface Backend {
  run(sql: string, p: SqlValue[]): void;
  get(sql: string, p: SqlValue[]): unknown;
  tx(fn: () => void): void;
  close(): void;
}

const n = Number(process.argv[process.argv.indexOf('--n') + 1]) || 10_000;
const SCHEMA = 'CREATE TABLE f (k TEXT PRIMARY KEY, size INTEGER, state TEXT, result TEXT)';
const UPSERT =
  'INSERT INTO f (k, size, state) VALUES (?, ?, ?) ON CONFLICT(k) DO UPDATE SET size = excluded.size, state = excluded.state';
const RESULT = JSON.stringify({ text: 'x'.repeat(400) });

function wasm(file: string): Backend {
  const db = openSqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return {
    run: (s, p) => void db.run(s, p),
    get: (s, p) => db.get(s, p),
    tx: (fn) => db.transaction(fn),
    close: () => db.close(),
  };
}

interface OldStatement {
  run(...p: SqlValue[]): unknown;
  get(...p: SqlValue[]): unknown;
}
interface OldDb {
  pragma(s: string): unknown;
  exec(s: string): void;
  prepare(s: string): OldStatement;
  transaction(fn: () => void): () => void;
  close(): void;
}

function old(file: string): Backend | undefined {
  let Database: new (f: string) => OldDb;
  try {
    const name = 'better-sqlite3'; // not a dependency any more: timed only where still installed
    Database = createRequire(import.meta.url)(name) as typeof Database;
  } catch {
    return undefined;
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return {
    run: (s, p) => void db.prepare(s).run(...p),
    get: (s, p) => db.prepare(s).get(...p),
    tx: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

function figures(b: Backend): Record<string, number> {
  const commits = Math.min(n, 2000);
  return {
    [`${n} upserts, one transaction (ms)`]: time(() =>
      b.tx(() => {
        for (let i = 0; i < n; i++) b.run(UPSERT, [`dir/f${i}.png`, i, 'queued']);
      }),
    ),
    [`${n} look-ups by path (ms)`]: time(() => {
      for (let i = 0; i < n; i++) b.get('SELECT * FROM f WHERE k = ?', [`dir/f${i}.png`]);
    }),
    [`${commits} updates, one commit each (ms)`]: time(() => {
      for (let i = 0; i < commits; i++)
        b.tx(() => b.run("UPDATE f SET state = 'done', result = ? WHERE k = ?", [RESULT, `dir/f${i}.png`]));
    }),
  };
}

function ledgerCycles(file: string): Record<string, number> {
  const cycles = Math.min(n, 2000);
  const ledger = Ledger.open(file);
  const folder = ledger.folders.add('/w', watchOptionsSchema.parse({}), 'watch');
  const ms = time(() => {
    for (let i = 0; i < cycles; i++) {
      ledger.noteSeen(folder.id, `f${i}.png`, 1, 1);
      const row = ledger.claimNext([folder.id])!;
      ledger.markDone(row.id, {
        sha256: `h${i}`,
        size: 1,
        mtimeMs: 1,
        outputs: [],
        result: {
          width: 1,
          height: 1,
          lines: [],
          text: 'x',
          ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 0 },
          provider: 'cpu',
        },
        ocrMs: 1,
        totalMs: 1,
      });
    }
  });
  ledger.close();
  return { [`${cycles} Ledger file cycles: seen, claimed, done (ms)`]: ms };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-ledger-bench-'));
try {
  const rows: [string, Record<string, number>][] = [
    [
      'node-sqlite3-wasm',
      { ...figures(wasm(path.join(dir, 'wasm.db'))), ...ledgerCycles(path.join(dir, 'l.db')) },
    ],
  ];
  const b = old(path.join(dir, 'old.db'));
  if (b) rows.push(['better-sqlite3', figures(b)]);
  else console.log('better-sqlite3 is not installed: the old backend is not timed');
  for (const [name, f] of rows) {
    console.log(name);
    for (const [k, v] of Object.entries(f)) console.log(`  ${k}: ${v.toFixed(0)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
