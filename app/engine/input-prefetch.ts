/**
 * Prepares the next queued request's input (file read and image decode, which sharp runs on libuv's threads) while
 * the current one is in inference on the main thread, so that with requests queued (batch OCR, a busy HTTP API) the
 * decode of image n+1 overlaps the recognition of image n. At most one input is held ahead.
 */

/** One request ahead, prepared or being prepared. */
export class InputPrefetch<Req extends { readonly id: string }, T> {
  private ahead: { readonly id: string; readonly value: Promise<T> } | undefined;

  constructor(private readonly prepare: (req: Req) => Promise<T>) {}

  /** Starts preparing `req` if nothing is held ahead yet (its failure is reported by `take`, not here). */
  offer(req: Req | undefined): void {
    if (!req || this.ahead) return;
    const value = this.prepare(req);
    value.catch(() => {}); // take() awaits it and reports the failure
    this.ahead = { id: req.id, value };
  }

  /** The input of `req`: the one prepared ahead, or prepared now. */
  take(req: Req): Promise<T> {
    const ahead = this.ahead;
    if (ahead?.id === req.id) {
      this.ahead = undefined;
      return ahead.value;
    }
    return this.prepare(req);
  }

  /** Forgets what was prepared for a request that will not run (cancelled). */
  drop(id: string): void {
    if (this.ahead?.id === id) this.ahead = undefined;
  }

  /** The id held ahead, if any (for tests). */
  get heldId(): string | undefined {
    return this.ahead?.id;
  }
}
