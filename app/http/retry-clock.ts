/** When the engine's current wait began (restarting, or in `error` until it heals), so Retry-After counts down. */
import type { EngineStatus } from '../contracts/status';
import { retryAfterSeconds } from './errors';

type Seen = Pick<EngineStatus, 'detail' | 'faults'>;

/** A wait is the same one while its code, its delay and the faults behind it are (a new crash starts another). */
const waitOf = (s: Seen): string | null =>
  s.detail.code === 'ERROR' || s.detail.code === 'RESTARTING'
    ? `${s.detail.code}:${s.detail.retryInMs}:${s.faults}`
    : null;

/** Told every status the engine publishes; answers the seconds left of the wait it is in. */
export class RetryClock {
  private wait: string | null = null;
  private since = 0;

  /** Notes a published status (its wait starts now if it is a new one). */
  observe(s: Seen, now = Date.now()): void {
    const w = waitOf(s);
    if (w !== this.wait) {
      this.wait = w;
      this.since = now;
    }
  }

  /** Retry-After for `s`, in seconds. */
  seconds(s: Seen, now = Date.now()): number {
    this.observe(s, now);
    return retryAfterSeconds(s, now - this.since);
  }
}
