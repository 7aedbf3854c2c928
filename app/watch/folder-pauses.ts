/** Why folders pause on their own (bad saved options, folder missing, output unwritable), re-checked until it clears. */
import { existsSync } from 'node:fs';
import type { FolderRow, Ledger } from './ledger';
import { probeWritable } from './outputs';

/** The reasons a folder pauses on its own: bad saved options, the folder missing, its output unwritable. */
export interface PauseReasons {
  options: string | null;
  missing: string | null;
  output: string | null;
}

/** Pause reasons per folder, persisted as the folder's `paused_reason`; unwritable outputs are probed again. */
export class FolderPauses {
  private readonly reasons = new Map<string, PauseReasons>();
  private readonly timer: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(
    private readonly ledger: Ledger,
    /** Called when a folder's effective reason changes (null: it may run again). */
    private readonly changed: (id: string, reason: string | null) => void,
    pollMs: number,
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

  /** Sets or clears one reason of a folder. */
  set(id: string, kind: keyof PauseReasons, reason: string | null): void {
    if (this.closed) return;
    const before = this.reason(id);
    const r = this.reasons.get(id) ?? { options: null, missing: null, output: null };
    r[kind] = reason;
    this.reasons.set(id, r);
    const after = this.reason(id);
    if (after === before) return;
    this.ledger.folders.setPausedReason(id, after);
    this.changed(id, after);
  }

  /** Checks that the folder's outputs can be written (not while the folder itself is missing). */
  async probe(f: FolderRow): Promise<void> {
    if (this.reasons.get(f.id)?.missing) return;
    if (f.options.outDir === null && !existsSync(f.dir)) return; // the watcher reports a missing folder
    const reason = await probeWritable(f.options.outDir ?? f.dir, f.options.outDir !== null);
    this.set(f.id, 'output', reason);
  }

  /** Forgets a removed folder. */
  forget(id: string): void {
    this.reasons.delete(id);
  }

  /** Stops re-checking. */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
  }

  private async reprobe(): Promise<void> {
    for (const [id, r] of [...this.reasons]) {
      const f = this.ledger.folders.get(id);
      if (f && r.output) await this.probe(f);
    }
  }
}
