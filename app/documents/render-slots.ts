/**
 * A bound on the pages rendered and not yet read, shared by the documents a thread reads at once. Each such page is a
 * full-size bitmap until it is encoded (25 MB for an A4 page at 300 dpi), and each document renders a page ahead, so
 * without it one form of 32 small PDFs held 64 of them at once (docs/memory.md).
 */
import { cancelledError } from '../engine/cancelled';

/** Pages held at once by the documents of one thread: two documents, each a page ahead, keep two lanes busy. */
export const RENDER_SLOTS = 4;

/** Slots handed out in the order asked for; `take` resolves with an idempotent release. */
export class RenderSlots {
  private free: number;
  private readonly line: { readonly grant: () => void }[] = [];

  constructor(readonly max = RENDER_SLOTS) {
    this.free = max;
  }

  /** Waits for a slot; a signal that aborts while waiting leaves the line (CANCELLED). */
  async take(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw cancelledError(signal);
    if (this.free > 0) this.free--;
    else await this.wait(signal);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.line.shift();
      if (next) next.grant();
      else this.free++;
    };
  }

  private wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const at = this.line.indexOf(entry);
        if (at >= 0) this.line.splice(at, 1);
        reject(cancelledError(signal!));
      };
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.line.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
