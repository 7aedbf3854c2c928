/**
 * Cancellation of whole POST /ocr requests by their X-Request-Id: `/api/cancel/:id` reaches a document between its
 * pages too (while a page renders, none of its work is in the engine's queue), not only the engine job running now.
 */

import { LanternError } from '../contracts/errors';

/** Open requests by id; the same id may be open more than once (each one is cancelled). */
export class RequestCancels {
  private readonly open = new Map<string, Set<AbortController>>();

  /** Registers a request under `id` for as long as it runs: its signal aborts on `cancel(id)`; `close()` forgets it. */
  track(id: string): { readonly signal: AbortSignal; close(): void } {
    const ac = new AbortController();
    const set = this.open.get(id) ?? new Set<AbortController>();
    set.add(ac);
    this.open.set(id, set);
    return {
      signal: ac.signal,
      close: () => {
        set.delete(ac);
        if (set.size === 0 && this.open.get(id) === set) this.open.delete(id);
      },
    };
  }

  /** Aborts every open request with this id; true when there was one. */
  cancel(id: string): boolean {
    const set = this.open.get(id);
    if (!set || set.size === 0) return false;
    for (const ac of set) ac.abort(new LanternError('CANCELLED', `cancelled by POST /api/cancel/${id}`));
    return true;
  }
}
