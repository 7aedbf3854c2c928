/** A failed item's error with what can be done about it: Retry where it may pass, an encrypted PDF's password. */
import { useRef } from 'react';
import { isRetryable } from '../../../app/contracts/errors';
import { useFocusLater } from '../focus-later';
import { useI18n } from '../i18n/i18n';
import { FailureText } from './failure';
import { PasswordDialog } from './password-dialog';
import type { RecognitionItem } from './recognition-strip';

/** The error box (and the password dialog unless it was cancelled); each action hands the focus on, never to <body>. */
export function ResultFailure(props: {
  readonly item: RecognitionItem;
  /** The password dialog was cancelled for this item: only "Enter password…" brings it back. */
  readonly declined: boolean;
  readonly onDecline: (declined: boolean) => void;
  readonly onRetry: () => void;
  readonly onUnlock: (password: string) => void;
  /** Where the focus goes once the item is read again (the result's heading). */
  readonly focusTitle: () => HTMLElement | null;
}) {
  const { t } = useI18n();
  const focusLater = useFocusLater();
  const enterPassword = useRef<HTMLButtonElement>(null);
  const { item } = props;
  if (item.state !== 'error' || !item.error) return null;
  const locked = item.error.code === 'PDF_ENCRYPTED';
  return (
    <>
      <div className="error-box row" role="alert" data-testid="result-error">
        <span className="grow">
          <FailureText error={item.error} />
        </span>
        {locked && (
          <button
            ref={enterPassword}
            type="button"
            className="button button--small"
            data-testid="password-enter"
            onClick={() => props.onDecline(false)}
          >
            {t('password.enter')}
          </button>
        )}
        {isRetryable(item.error.code) && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              props.onRetry();
              focusLater(props.focusTitle);
            }}
          >
            {t('status.retry')}
          </button>
        )}
      </div>
      {locked && !props.declined && (
        <PasswordDialog
          key={`${item.id}:${item.error.message}`}
          name={item.name}
          wrong={item.passwordTried === true}
          onSubmit={(password) => {
            props.onUnlock(password);
            focusLater(props.focusTitle);
          }}
          onCancel={() => {
            props.onDecline(true);
            focusLater(() => enterPassword.current);
          }}
        />
      )}
    </>
  );
}
