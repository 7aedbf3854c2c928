/**
 * The log of 503 answers (queue full, engine unavailable, stopping): an operator sees why clients are refused, but a
 * flood of refusals is a few lines, not one per request.
 */

/** One 503 as the log names it: its code, the request line's method and path (never the query), and its id. */
export interface Refusal {
  readonly code: string;
  readonly method: string;
  readonly path: string;
  readonly requestId: string;
  readonly message: string;
}

/** How often, at most, a code's refusals after its first are written out as a count. */
export const REFUSAL_LOG_INTERVAL_MS = 10000;

interface Window {
  more: number;
  last: Refusal;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Logs a code's first 503 at once, with its request id, then counts the ones after it and writes the count once per
 * interval while they go on; an interval without one ends the count, and the next is logged at once again.
 */
export class RefusalLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly log: (level: 'warn', message: string) => void,
    private readonly intervalMs = REFUSAL_LOG_INTERVAL_MS,
  ) {}

  /** Notes one 503 answer. */
  note(r: Refusal): void {
    const open = this.windows.get(r.code);
    if (open) {
      open.more++;
      open.last = r;
      return;
    }
    this.log('warn', `${r.method} ${r.path} 503 ${r.code} (request ${r.requestId}): ${r.message}`);
    this.open(r);
  }

  /** Writes out the counts still pending (the server is closing) and stops the timers. */
  flush(): void {
    for (const [code, w] of this.windows) {
      clearTimeout(w.timer);
      this.count(code, w);
    }
    this.windows.clear();
  }

  private open(last: Refusal): void {
    const w: Window = {
      more: 0,
      last,
      // A count due is no reason to keep a stopping process alive: close() flushes it.
      timer: setTimeout(() => this.close(last.code), this.intervalMs).unref(),
    };
    this.windows.set(last.code, w);
  }

  private close(code: string): void {
    const w = this.windows.get(code);
    if (!w) return;
    this.windows.delete(code);
    // While refusals go on, the next interval counts them too; a quiet one ends the count.
    if (w.more === 0) return;
    this.count(code, w);
    this.open(w.last);
  }

  private count(code: string, w: Window): void {
    if (w.more === 0) return;
    this.log(
      'warn',
      `503 ${code}: ${w.more} more, not logged one by one (the last: ${w.last.method} ${w.last.path}, request ${w.last.requestId})`,
    );
  }
}
