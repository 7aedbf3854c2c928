/**
 * The one SQLite surface the ledger uses, over node-sqlite3-wasm (SQLite compiled to WebAssembly with a Node `fs`
 * VFS): no native addon, so the same code runs under Node and in every Electron process (docs/native-modules.md).
 */
import sqliteWasm from 'node-sqlite3-wasm';
import type { Database as WasmDatabase, Statement as WasmStatement } from 'node-sqlite3-wasm';
import { isUnreadable, LedgerDamage } from './ledger-damage';
import { claimOwnership, type Ownership } from './sqlite-owner';

/** A value SQLite stores and returns here (the ledger keeps no blobs and no 64-bit integers). */
export type SqlValue = number | string | null;

/** One result row, by column name. */
export type SqlRow = Readonly<Record<string, unknown>>;

/** An open database: statements by SQL text (prepared once, finalised on close), transactions, pragmas. */
export interface SqlDb {
  /** The file, or ':memory:'. */
  readonly file: string;
  /** Whether close() has not run yet. */
  readonly open: boolean;
  /** Runs a statement that returns no rows; returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): number;
  /** The first row, or undefined. */
  get(sql: string, params?: readonly SqlValue[]): SqlRow | undefined;
  /** Every row. */
  all(sql: string, params?: readonly SqlValue[]): SqlRow[];
  /** Runs one or more statements without parameters (schema, migrations). */
  exec(sql: string): void;
  /** Runs `fn` in one transaction (a savepoint when already in one): committed on return, rolled back on throw. */
  transaction<T>(fn: () => T): T;
  /** Reads (or with `= value` in `name`, sets) a pragma and returns its first column. */
  pragma(name: string): SqlValue;
  /** Calls `listener` the first time a statement finds the file damaged (each such statement throws LedgerDamage). */
  onDamaged(listener: (err: LedgerDamage) => void): void;
  /** Finalises every statement, closes the file and gives up ownership. */
  close(): void;
}

/**
 * Opens (creating if needed) a database. A file database is owned by this process until close(): SQLite's lock is
 * held for the whole session (locking_mode=EXCLUSIVE, which also lets WAL run without shared memory), and a second
 * process gets a clear error instead of waiting on it.
 */
export function openSqlite(file: string): SqlDb {
  const memory = file === ':memory:';
  const owner = memory ? undefined : claimOwnership(file);
  try {
    const db = new sqliteWasm.Database(file);
    if (!memory) db.get('PRAGMA locking_mode = EXCLUSIVE');
    return new WasmSqlDb(file, db, owner);
  } catch (err) {
    owner?.release();
    throw err;
  }
}

/** Finalises a statement; its error is the last failed step's own, already thrown where it happened. */
function finalize(s: WasmStatement): void {
  try {
    s.finalize();
  } catch {
    // node-sqlite3-wasm frees the statement before it throws: nothing is left to clean up.
  }
}

class WasmSqlDb implements SqlDb {
  private readonly statements = new Map<string, WasmStatement>();
  private readonly damageListeners: ((err: LedgerDamage) => void)[] = [];
  private damageSaid = false;
  private depth = 0;

  constructor(
    readonly file: string,
    private readonly db: WasmDatabase,
    private readonly owner: Ownership | undefined,
  ) {}

  get open(): boolean {
    return this.db.isOpen;
  }

  run(sql: string, params: readonly SqlValue[] = []): number {
    return this.using(sql, (s) => s.run([...params]).changes);
  }

  onDamaged(listener: (err: LedgerDamage) => void): void {
    this.damageListeners.push(listener);
  }

  get(sql: string, params: readonly SqlValue[] = []): SqlRow | undefined {
    // Stepped to the end: a statement left on a row stays active and would block COMMIT.
    return this.all(sql, params)[0];
  }

  all(sql: string, params: readonly SqlValue[] = []): SqlRow[] {
    return this.using(sql, (s) => s.all([...params]));
  }

  exec(sql: string): void {
    this.guarded(() => this.db.exec(sql));
  }

  transaction<T>(fn: () => T): T {
    const outer = this.depth === 0;
    const name = `t${this.depth}`;
    this.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${name}`);
    this.depth++;
    let out: T;
    try {
      out = fn();
    } catch (err) {
      this.depth--;
      this.rollback(outer ? 'ROLLBACK' : `ROLLBACK TO ${name}; RELEASE ${name}`, err);
      throw err;
    }
    this.depth--;
    try {
      this.exec(outer ? 'COMMIT' : `RELEASE ${name}`);
    } catch (err) {
      if (outer && this.db.inTransaction) this.rollback('ROLLBACK', err); // never leave a failed commit's transaction open
      throw err;
    }
    return out;
  }

  pragma(name: string): SqlValue {
    const row = this.guarded(() => this.db.get(`PRAGMA ${name}`));
    return row ? ((Object.values(row)[0] as SqlValue | undefined) ?? null) : null;
  }

  close(): void {
    if (!this.db.isOpen) return;
    for (const s of this.statements.values()) finalize(s);
    this.statements.clear();
    try {
      this.db.close();
    } finally {
      this.owner?.release();
    }
  }

  /**
   * Runs `fn` on the cached statement for `sql`; one that throws is finalised and dropped from the cache: SQLite's
   * reset repeats a failed step's error, so the next run with good values would fail ("Could not reset statement").
   */
  private using<T>(sql: string, fn: (s: WasmStatement) => T): T {
    const s = this.guarded(() => this.statement(sql));
    try {
      return fn(s);
    } catch (err) {
      this.statements.delete(sql);
      finalize(s);
      throw this.coded(err);
    }
  }

  /** Runs `fn`, its damage error coded (and heard). */
  private guarded<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.coded(err);
    }
  }

  /**
   * SQLite's SQLITE_CORRUPT or SQLITE_NOTADB as LedgerDamage naming this file, heard by the listeners the first time;
   * any other error as it is.
   */
  private coded(err: unknown): unknown {
    if (err instanceof LedgerDamage || !isUnreadable(err)) return err;
    const damage = new LedgerDamage(this.file, (err as Error).message);
    if (!this.damageSaid) {
      this.damageSaid = true;
      for (const l of this.damageListeners) {
        try {
          l(damage);
        } catch {
          // A listener's own failure must not take the place of the damage error thrown to the statement's caller.
        }
      }
    }
    return damage;
  }

  /** Undoes a failed transaction; a rollback that fails too (the file damaged) leaves `first` as the error to report. */
  private rollback(sql: string, first: unknown): void {
    try {
      this.db.exec(sql);
    } catch (err) {
      if (!isUnreadable(err) && !isUnreadable(first)) throw err;
    }
  }

  /** node-sqlite3-wasm never finalises a statement by itself (its memory lives in the wasm heap): cache by text. */
  private statement(sql: string): WasmStatement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }
}
