/** A failed user action shown where it happened (one alert line), so no button's failure is silent. */
import { useCallback, useRef, useState } from 'react';
import { useI18n } from './i18n/i18n';

/** The words of a rejection: its message, and its code when it has one (a LanternError from either transport). */
export function errorWords(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const text = 'message' in err && typeof err.message === 'string' ? err.message : String(err);
  return 'code' in err && typeof err.code === 'string' ? `${text} (${err.code})` : text;
}

/** A failed action's words, numbered: the same failure again is a new alert, which a screen reader says again. */
export interface ActionFailure {
  readonly words: string;
  readonly n: number;
}

/** The last failed action: `fail` is a ready `.catch` handler, `clear` forgets it (call it when an action succeeds). */
export function useActionError(): {
  readonly error: ActionFailure | null;
  readonly fail: (err: unknown) => void;
  readonly clear: () => void;
} {
  const [error, setError] = useState<ActionFailure | null>(null);
  const failures = useRef(0);
  const fail = useCallback((err: unknown) => setError({ words: errorWords(err), n: ++failures.current }), []);
  const clear = useCallback(() => setError(null), []);
  return { error, fail, clear };
}

/** The alert line of a failed action; nothing while none failed. */
export function ActionError(props: { readonly error: ActionFailure | null; readonly testId?: string }) {
  const { t } = useI18n();
  if (props.error === null) return null;
  // A new element for each failure: an alert is said when it is inserted, not when it is set to the words it has.
  return (
    <span
      key={props.error.n}
      className="error-text"
      role="alert"
      data-testid={props.testId ?? 'action-error'}
    >
      {t('action.failed', { msg: props.error.words })}
    </span>
  );
}
