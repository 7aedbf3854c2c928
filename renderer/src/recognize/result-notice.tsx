/** The result pane's notice line: a success fades, a failure stays (with its code) until dismissed or replaced. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n';

/** How long a success notice ("Copied to the clipboard") stays. */
const FADE_MS = 4000;

/**
 * How a notice leaves: a success fades; news of work still going on ("Writing…") stays until the next notice says how it
 * ended; a failure stays until dismissed.
 */
export type NoticeKind = 'fades' | 'stays' | 'error';

/** One notice; a failure stays until dismissed, replaced by the next action's, or another item is shown. */
export interface Notice {
  readonly text: string;
  readonly kind: NoticeKind;
  /** Numbers the notices, so that the same words said again are a new node a screen reader speaks. */
  readonly n: number;
}

/** The notice of the shown item: `say` sets it (for the item shown when the action began), `clear` takes it away. */
export function useNotice(itemId: string | undefined): {
  readonly notice: Notice | null;
  readonly say: (text: string, kind?: NoticeKind) => void;
  readonly clear: () => void;
} {
  const [held, setHeld] = useState<(Notice & { readonly itemId: string | undefined }) | null>(null);
  // A notice belongs to its item: another item shows none, without an effect that would render it once first.
  const notice = held && held.itemId === itemId ? held : null;
  useEffect(() => {
    if (notice?.kind !== 'fades') return;
    const timer = setTimeout(() => setHeld((h) => (h === notice ? null : h)), FADE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  const said = useRef(0);
  const say = useCallback(
    (text: string, kind: NoticeKind = 'fades') => setHeld({ text, kind, itemId, n: ++said.current }),
    [itemId],
  );
  const clear = useCallback(() => setHeld(null), []);
  return { notice, say, clear };
}

/** The notice: a polite status line, or an alert with Dismiss for a failure. */
export function ResultNotice(props: { readonly notice: Notice | null; readonly onDismiss: () => void }) {
  const { t } = useI18n();
  const { notice } = props;
  if (notice?.kind === 'error')
    return (
      <div key={notice.n} className="error-box row" role="alert" data-testid="notice">
        <span className="grow" data-testid="notice-text">
          {notice.text}
        </span>
        <button type="button" className="button button--small" onClick={props.onDismiss}>
          {t('action.dismiss')}
        </button>
      </div>
    );
  return (
    <p className="notice" role="status" aria-live="polite" data-testid="notice">
      <span key={notice?.n ?? 0}>{notice?.text ?? ''}</span>
    </p>
  );
}
