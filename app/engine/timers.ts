/** Named one-shot timers, each replaced when set again: the host's restart, heal and idle waits. */
export class Timers<K extends string> {
  private readonly pending = new Map<K, NodeJS.Timeout>();

  /** Runs `fn` after `ms`; only `keepAlive` timers hold the process open. */
  set(name: K, ms: number, fn: () => void, keepAlive = false): void {
    this.clear(name);
    const t = setTimeout(() => {
      this.pending.delete(name);
      fn();
    }, ms);
    if (!keepAlive) t.unref?.();
    this.pending.set(name, t);
  }

  clear(...names: K[]): void {
    for (const name of names) {
      clearTimeout(this.pending.get(name));
      this.pending.delete(name);
    }
  }

  clearAll(): void {
    this.clear(...this.pending.keys());
  }
}
