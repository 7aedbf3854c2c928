/** The host's published status: the last snapshot, and the listeners told of each new one. */
import type { EngineStatus } from '../contracts/status';

/** The last status published and its listeners. */
export class StatusFeed {
  private readonly listeners = new Set<(s: EngineStatus) => void>();

  constructor(private last: EngineStatus) {}

  /** The last status published. */
  get current(): EngineStatus {
    return this.last;
  }

  /** Calls `cb` with each status published from now on; returns what stops it. */
  onStatus(cb: (s: EngineStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Makes `s` the current status and tells every listener. */
  publish(s: EngineStatus): void {
    this.last = s;
    for (const cb of this.listeners) cb(s);
  }
}
