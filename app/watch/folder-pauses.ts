/** Why folders pause on their own (bad saved options, folder missing, output unwritable), re-checked until it clears. */
import { existsSync } from 'node:fs';
import type { WatchPauseCode } from '../contracts/lantern-api';
import type { FolderRow, Ledger } from './ledger';
import { probeWritable } from './outputs';

/** The reasons a folder pauses on its own: bad saved options, the folder missing, its output unwritable. */
export interface PauseReasons {
  options: string | null;
  missing: string | null;
  output: string | null;
}

/** The longest wait between probes of an output folder that keeps failing as soon as it resumes. */
export const MAX_PROBE_WAIT_MS = 5 * 60_000;

/**
 * How long to wait before probing an output folder again after its `strikes`-th pause since it last took an output:
 * `pollMs`, doubled for each pause after the first. An empty probe file still fits on a full disk, so such a folder
 * resumes, fails its next output and pauses again; the doubling keeps that from repeating every `pollMs` for ever.
 */
export function probeWait(strikes: number, pollMs: number): number {
  return Math.min(MAX_PROBE_WAIT_MS, pollMs * 2 ** Math.max(0, strikes - 1));
}

/** Pause reasons per folder, persisted as the folder's `paused_reason`; unwritable outputs are probed again. */
export class FolderPauses {
  private readonly reasons = new Map<string, PauseReasons>();
  /** Output pauses of each folder since it last took an output, and when its output may be probed next. */
  private readonly strikes = new Map<string, number>();
  private readonly notBefore = new Map<string, number>();
  private readonly timer: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(
    private readonly ledger: Ledger,
    /** Called when a folder's effective reason changes (null: it may run again). */
    private readonly changed: (id: string, reason: string | null) => void,
    private readonly pollMs: number,
    private readonly probeOutput: typeof probeWritable = probeWritable,
    private readonly now: () => number = Date.now,
  ) {
    // A failed probe leaves the folder's reason as it was; the next tick probes again.
    this.timer = setInterval(() => void this.reprobe().catch(() => undefined), pollMs);
    this.timer.unref();
  }

  /** The reason a folder is paused now, or null. */
  reason(id: string): string | null {
    const r = this.reasons.get(id);
    return r ? (r.options ?? r.missing ?? r.output) : null;
  }

  /** The kind of the reason `reason` gives, or null (not paused, or paused by a reason kept from an earlier run). */
  code(id: string): WatchPauseCode | null {
    const r = this.reasons.get(id);
    if (r?.options) return 'OPTIONS_REFUSED';
    if (r?.missing) return 'FOLDER_UNAVAILABLE';
    if (r?.output) return 'OUTPUT_UNWRITABLE';
    return null;
  }

  /** Sets or clears one reason of a folder. */
  set(id: string, kind: keyof PauseReasons, reason: string | null): void {
    if (this.closed) return;
    const before = this.reason(id);
    const r = this.reasons.get(id) ?? { options: null, missing: null, output: null };
    if (kind === 'output' && reason !== null && r.output === null) {
      const strikes = (this.strikes.get(id) ?? 0) + 1;
      this.strikes.set(id, strikes);
      this.notBefore.set(id, this.now() + probeWait(strikes, this.pollMs));
    }
    r[kind] = reason;
    this.reasons.set(id, r);
    const after = this.reason(id);
    if (after === before) return;
    this.ledger.folders.setPausedReason(id, after);
    this.changed(id, after);
  }

  /**
   * Clears a reason kept in the ledger from an earlier run that the folder's checks now did not give again (the folder
   * is back): the reason now, with its code, is the one shown, never an old one without its code.
   */
  settle(id: string): void {
    if (this.closed || this.reason(id) !== null || this.ledger.folders.get(id)?.pausedReason == null) return;
    this.ledger.folders.setPausedReason(id, null);
    this.changed(id, null);
  }

  /** Checks that the folder's outputs can be written (not while the folder itself is missing). */
  async probe(f: FolderRow): Promise<void> {
    if (this.reasons.get(f.id)?.missing) return;
    if (f.options.outDir === null && !existsSync(f.dir)) return; // the watcher reports a missing folder
    const reason = await this.probeOutput(f.options.outDir ?? f.dir, f.options.outDir !== null);
    this.set(f.id, 'output', reason);
  }

  /** A folder took an output: its output folder works, so a later pause waits `pollMs` again. */
  wrote(id: string): void {
    this.strikes.delete(id);
  }

  /** Forgets a removed folder. */
  forget(id: string): void {
    this.reasons.delete(id);
    this.strikes.delete(id);
    this.notBefore.delete(id);
  }

  /** Stops re-checking. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  /** Probes again the unwritable output folders whose wait is over (the timer calls it every `pollMs`). */
  async reprobe(): Promise<void> {
    for (const [id, r] of [...this.reasons]) {
      const f = this.ledger.folders.get(id);
      if (f && r.output && this.now() >= (this.notBefore.get(id) ?? 0)) await this.probe(f);
    }
  }
}
