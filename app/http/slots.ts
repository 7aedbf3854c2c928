/** The in-progress slots of POST /ocr: taken before the body is read, released exactly once however it ends. */

/** A counter with an upper bound; `take` hands out an idempotent release. */
export class Slots {
  private used = 0;

  constructor(readonly max: number) {}

  /** Requests holding a slot now. */
  get inUse(): number {
    return this.used;
  }

  /** Whether another request could start now. */
  get free(): boolean {
    return this.used < this.max;
  }

  /** Takes a slot, or returns null when all are taken. */
  take(): (() => void) | null {
    if (this.used >= this.max) return null;
    this.used++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used--;
    };
  }
}
