/** One input's output, held while inputs before it still print, so that inputs read ahead print in their order. */
import { oneLine } from '../contracts/one-line';

type Held = { readonly to: 'out' | 'err' | 'progress'; readonly text: string };

/** Where the CLI writes one input's lines: stdout, stderr, and the progress line (stderr, terminals only). */
export interface CliSink {
  out(text: string): void;
  err(text: string): void;
  progress(text: string): void;
}

/** A CliSink that holds what it is given until `release()`, then writes through. */
export class HeldOutput implements CliSink {
  private held: Held[] | undefined = [];

  /**
   * `line` writes one line of results (stdout-guard.ts); `before` gives the lines that go first (a `==> FILE <==`
   * header), asked only when the input prints a result: an input that only failed gets no header.
   */
  constructor(
    private readonly line: (text: string) => void,
    private before: (() => readonly string[]) | undefined = undefined,
  ) {}

  out(text: string): void {
    this.write({ to: 'out', text });
  }

  err(text: string): void {
    this.write({ to: 'err', text });
  }

  /** A progress line replaces the one held before it (only the latest count is worth showing late). */
  progress(text: string): void {
    if (this.held?.at(-1)?.to === 'progress') this.held.pop();
    this.write({ to: 'progress', text });
  }

  /** Writes what was held and everything after it as it comes. */
  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const h of held) this.write(h);
  }

  private write(h: Held): void {
    if (this.held) this.held.push(h);
    else if (h.to === 'out') {
      const first = this.before?.() ?? [];
      this.before = undefined;
      for (const l of first) this.line(l);
      this.line(h.text);
    } else if (h.to === 'err') console.error(oneLine(h.text));
    else process.stderr.write(h.text);
  }
}
