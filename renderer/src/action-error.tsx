/** A failed user action shown where it happened (one alert line), so no button's failure is silent. */
import { useCallback, useState } from 'react';
import { useI18n } from './i18n/i18n';

/** The words of a rejection: its message, and its code when it has one (a LanternError from either transport). */
export function errorWords(err: unknown): string {
  if (typeof err !== 'object' || err === null) return String(err);
  const text = 'message' in err && typeof err.message === 'string' ? err.message : String(err);
  return 'code' in err && typeof err.code === 'string' ? `${text} (${err.code})` : text;
}

/** The last failed action: `fail` is a ready `.catch` handler, `clear` forgets it (call it when an action succeeds). */
export function useActionError(): {
  readonly error: string | null;
  readonly fail: (err: unknown) => void;
  readonly clear: () => void;
} {
  const [error, setError] = useState<string | null>(null);
  const fail = useCallback((err: unknown) => setError(errorWords(err)), []);
  const clear = useCallback(() => setError(null), []);
  return { error, fail, clear };
}

/** The alert line of a failed action; nothing while none failed. */
export function ActionError(props: { readonly error: string | null; readonly testId?: string }) {
  const { t } = useI18n();
  if (props.error === null) return null;
  return (
    <span className="error-text" role="alert" data-testid={props.testId ?? 'action-error'}>
      {t('action.failed', { msg: props.error })}
    </span>
  );
}
