/** The restart policy as a pure function: exponential backoff, and giving up after too many crashes in a window. */

/** Crash-loop limits and backoff. */
export interface CrashPolicy {
  readonly maxCrashes: number;
  readonly windowMs: number;
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
  /** First wait before the host leaves `error` on its own after a crash loop; doubles each time. */
  readonly healBaseMs: number;
  /** Longest wait between two self-heal attempts. */
  readonly healMaxMs: number;
  /** Self-heal attempts without reaching `ready` after which the process counts as not alive (liveness fails). */
  readonly maxHeals: number;
}

/** Records a crash at `now` and decides: restart after `backoffMs`, or give up (crash loop). */
export function crashDecision(
  previous: readonly number[],
  now: number,
  p: CrashPolicy,
): { crashes: number[]; giveUp: boolean; backoffMs: number } {
  const crashes = [...previous.filter((t) => now - t < p.windowMs), now];
  const backoffMs = Math.min(p.maxBackoffMs, p.baseBackoffMs * 2 ** (crashes.length - 1));
  return { crashes, giveUp: crashes.length >= p.maxCrashes, backoffMs };
}

/** How long to wait before self-heal attempt `attempt` (1-based): base doubling up to the cap. */
export function healDelay(attempt: number, p: CrashPolicy): number {
  return Math.min(p.healMaxMs, p.healBaseMs * 2 ** Math.max(0, attempt - 1));
}
