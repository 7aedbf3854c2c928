/**
 * What a watch manager does once its ledger is found damaged while running: every file and batch would fail on it, and
 * a write could spread the damage, so watching and batches stop, the ledger's notice and its folders say why, new work
 * is refused until a restart sets the file aside, and the rest of the service goes on.
 */
import type { LedgerNotice, WatchEvent, WatchLedger } from '../contracts/lantern-api';
import type { BatchJob } from './batch-job';
import type { Ledger } from './ledger';
import { LedgerDamage } from './ledger-damage';

/** What stopping reaches in the manager. */
export interface LedgerStopDeps {
  readonly ledger: Ledger;
  /** The LEDGER_SET_ASIDE notice of this run's start, or null. */
  readonly setAside: LedgerNotice | null;
  readonly jobs: ReadonlyMap<string, BatchJob>;
  /** The folders with a watcher now. */
  readonly watched: () => string[];
  readonly stopWatching: (id: string) => Promise<void>;
  readonly emit: (e: WatchEvent) => void;
  /** Tells the UI of a folder's row as it now is. */
  readonly folderSoon: (id: string) => void;
  readonly log?: (level: 'info' | 'warn', message: string) => void;
}

/** The ledger's state for a watch manager: as it should be, set aside at start, or found damaged since. */
export class LedgerStop {
  /**
   * Once a statement found the ledger's file damaged: what found it (every call that would start or change watching
   * is refused with it) and the LEDGER_DAMAGED notice the folders carry. Nothing is taken from the ledger any more.
   */
  private damage: { readonly found: LedgerDamage; readonly notice: LedgerNotice } | null = null;

  constructor(private readonly deps: LedgerStopDeps) {
    deps.ledger.onDamaged((err) => this.found(err));
  }

  /** Whether damage was found: no folder takes files any more. */
  get stopped(): boolean {
    return this.damage !== null;
  }

  /** The LEDGER_DAMAGED notice every folder carries once damage is found, else null. */
  get damageNotice(): LedgerNotice | null {
    return this.damage?.notice ?? null;
  }

  /** The ledger's notice, once for every folder (there may be none): found damaged, else set aside at start. */
  status(): WatchLedger {
    return { notice: this.damage?.notice ?? this.deps.setAside };
  }

  /** A damaged ledger takes no new work: what it queued would never be read, and each write risks spreading the damage. */
  refuse(): void {
    const found = this.damage?.found;
    if (found) throw new LedgerDamage(found.file, found.finding);
  }

  private found(err: LedgerDamage): void {
    const message = `the ledger ${err.file} is damaged (${err.finding}): watching and batches are stopped; restart to keep it aside and begin a new ledger`;
    this.damage = { found: err, notice: { code: 'LEDGER_DAMAGED', message } };
    this.deps.log?.('warn', `LEDGER_DAMAGED: ${message}`);
    // Heard inside the statement that failed: what reads the ledger again (a batch's progress) runs after it.
    setImmediate(() => {
      this.deps.emit({ type: 'ledger', ledger: this.status() });
      for (const job of this.deps.jobs.values()) {
        try {
          job.pause();
        } catch (e) {
          this.deps.log?.('warn', `batch ${job.id}: ${(e as Error).message}`);
        }
      }
      for (const id of this.deps.watched()) void this.deps.stopWatching(id).catch(() => undefined); // a watcher that does not close stops nothing more here
      for (const id of this.shownFolderIds()) this.deps.folderSoon(id);
    });
  }

  /**
   * Every folder the UI shows as a row, watched or not (one switched off or paused has no watcher but its row changes
   * too); the watched ones alone when the damaged ledger cannot list them.
   */
  private shownFolderIds(): string[] {
    try {
      return this.deps.ledger.folders.list('watch').map((f) => f.id);
    } catch {
      return this.deps.watched();
    }
  }
}
