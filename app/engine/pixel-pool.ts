/** Whether this runtime has SharedArrayBuffer (Node has; without it, pages go over in buffers of their own, transferred). */
export const canShare = (): boolean => typeof SharedArrayBuffer === 'function';

/**
 * Shared pixel buffers that carry pages from the image thread to the main thread and come back for the next page.
 * sharp's output lives in memory V8 cannot hand to another thread: listed in postMessage's transfer list it is
 * silently cloned, twice (into the message, then out of it), each copy into fresh memory that page-faults. Transferring
 * ArrayBuffers of our own back and forth would avoid the copies, but detaching one in the main thread breaks V8's
 * promise that no buffer is ever detached, and every optimised typed-array loop there is thrown away and rebuilt with
 * checks. SharedArrayBuffers are never detached: the thread copies a page into pooled ones (memory already mapped, a
 * plain memcpy) and the main thread hands them back once the request is done. Figures: docs/engine.md.
 */
export class PixelPool {
  private free: SharedArrayBuffer[] = [];

  /** Keeps at most `maxBuffers` buffers and `maxBytes` bytes between requests (the largest first: they fit any page). */
  constructor(
    private readonly maxBuffers = 6,
    private readonly maxBytes = 64 * 2 ** 20,
  ) {}

  /**
   * A view of `length` bytes over the smallest pooled buffer that holds it, or over a new buffer (a plain one of its
   * own, to be transferred, where SharedArrayBuffer is missing).
   */
  take(length: number): Uint8Array {
    if (!canShare()) return new Uint8Array(length);
    let best = -1;
    this.free.forEach((b, i) => {
      if (b.byteLength >= length && (best < 0 || b.byteLength < this.free[best]!.byteLength)) best = i;
    });
    const buffer = best >= 0 ? this.free.splice(best, 1)[0]! : new SharedArrayBuffer(length);
    return new Uint8Array(buffer, 0, length);
  }

  /**
   * Adds buffers of these sizes with every page of their memory already touched, so that the first pages after start
   * do not pay for fresh memory either.
   */
  reserve(sizes: readonly number[]): void {
    if (!canShare()) return;
    this.give(
      sizes.map((bytes) => {
        const b = new SharedArrayBuffer(bytes);
        new Uint8Array(b).fill(0);
        return b;
      }),
    );
  }

  /** Takes buffers back for reuse, within the pool's bounds. */
  give(buffers: readonly SharedArrayBuffer[]): void {
    const all = [...this.free, ...buffers.filter((b) => !this.free.includes(b))];
    all.sort((a, b) => b.byteLength - a.byteLength);
    this.free = [];
    let bytes = 0;
    for (const b of all) {
      if (this.free.length === this.maxBuffers) break;
      if (bytes + b.byteLength > this.maxBytes) continue;
      this.free.push(b);
      bytes += b.byteLength;
    }
  }

  /** Whether the pool kept `buffer`. */
  holds(buffer: SharedArrayBuffer): boolean {
    return this.free.includes(buffer);
  }

  /** The sizes of the pooled buffers, largest first (for tests and diagnostics). */
  get sizes(): readonly number[] {
    return this.free.map((b) => b.byteLength);
  }
}
