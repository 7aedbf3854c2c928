/**
 * The in-progress slots of POST /ocr: taken before the body is read, released exactly once however it ends. They bound
 * requests by count and the bodies held in memory by bytes: a count alone lets a burst of large bodies pass a pod's
 * memory limit (docs/memory.md).
 */

/** A counter and a byte budget with upper bounds; `take` hands out an idempotent release. */
export class Slots {
  private used = 0;
  private bytes = 0;

  constructor(
    readonly max: number,
    /** Body bytes held at once; one request alone may exceed it (its own limit bounds it). */
    readonly maxBytes: number = Number.POSITIVE_INFINITY,
  ) {}

  /** Requests holding a slot now. */
  get inUse(): number {
    return this.used;
  }

  /** Body bytes reserved now. */
  get bytesInUse(): number {
    return this.bytes;
  }

  /** Whether another request could start now. */
  get free(): boolean {
    return this.used < this.max && this.bytes < this.maxBytes;
  }

  /**
   * Takes a slot for a body of up to `bytes`, or says why not: every slot taken (`count`), or the bodies held would
   * pass the byte budget (`bytes`).
   */
  take(bytes = 0): (() => void) | 'count' | 'bytes' {
    if (this.used >= this.max) return 'count';
    if (this.used > 0 && this.bytes + bytes > this.maxBytes) return 'bytes';
    this.used++;
    this.bytes += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used--;
      this.bytes -= bytes;
    };
  }
}
