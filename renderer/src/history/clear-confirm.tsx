/**
 * Clear history's inline confirmation: an inline group rather than window.confirm (which a sandboxed Electron window
 * may not show, and which no screen reader hears as part of the view), with the focus on Cancel and Escape cancelling.
 */
import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

/** Asks before every entry goes: `count` entries shown, `more` when older ones exist beyond them. */
export function ClearConfirm(props: {
  readonly id: string;
  readonly count: number;
  readonly more: boolean;
  readonly onClear: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useI18n();
  const question = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  // Cancel has the focus: an Enter pressed by habit keeps the history.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      id={props.id}
      className="confirm"
      role="group"
      aria-labelledby={question}
      data-testid="history-clear-confirm"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        props.onCancel();
      }}
    >
      <p id={question} className="confirm__question">
        {props.more
          ? t('history.clearAskMore', { n: props.count })
          : t('history.clearAsk', { n: props.count })}
      </p>
      <div className="row">
        <button type="button" className="button button--small button--danger" onClick={props.onClear}>
          {t('history.clearYes')}
        </button>
        <button ref={cancel} type="button" className="button button--small" onClick={props.onCancel}>
          {t('history.clearNo')}
        </button>
      </div>
    </div>
  );
}
