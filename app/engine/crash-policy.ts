/** The restart policy as a pure function: exponential backoff, and giving up after too many crashes in a window. */

/** Crash-loop limits and backoff. */
export interface CrashPolicy {
  readonly maxCrashes: number;
  readonly windowMs: number;
  readonly baseBackoffMs: number;
  readonly maxBackoffMs: number;
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
