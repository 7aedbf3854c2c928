/** A polite status line that speaks every time it is told something, the same words as last time included. */
import { useCallback, useState } from 'react';

/** Words to say, numbered so that saying the same words again is a new utterance. */
export interface Utterance {
  readonly text: string;
  readonly n: number;
}

/** A long job's progress is said again only after this long (ms), in every view; its outcome is always said. */
export const PROGRESS_EVERY_MS = 5000;

/** Nothing said yet. */
export const SILENCE: Utterance = { text: '', n: 0 };

/** The last utterance and `say`, which makes a new one on every call (a screen reader hears each). */
export function useUtterance(): readonly [Utterance, (text: string) => void] {
  const [said, setSaid] = useState<Utterance>(SILENCE);
  const say = useCallback((text: string) => setSaid((u) => ({ text, n: u.n + 1 })), []);
  return [said, say];
}

/**
 * The status line: each utterance's words are a new node in it, because a screen reader speaks what is added to a
 * live region, and words set to what they already are change nothing it would notice.
 */
export function LiveLine(props: {
  readonly said: Utterance;
  readonly className?: string;
  readonly testId?: string;
}) {
  return (
    <p className={props.className ?? 'visually-hidden'} role="status" data-testid={props.testId}>
      <span key={props.said.n}>{props.said.text}</span>
    </p>
  );
}
