/** The failed files of watched folders and batches, each with its code and message and a retry button. */
import { useRef } from 'react';
import type { FailedFile } from '../../../app/contracts/lantern-api';
import { lantern } from '../bridge';
import { useFocusLater } from '../focus-later';
import { useI18n } from '../i18n/i18n';
import { focusAfterRowGone } from './row-focus';

/** The failed-files card: `retried` gets a file queued again, `fail` a retry refused. */
export function FailedFiles(props: {
  readonly failed: readonly FailedFile[];
  readonly retried: (fileId: string) => void;
  readonly fail: (err: unknown) => void;
}) {
  const { t } = useI18n();
  const { failed, retried, fail } = props;
  const focusLater = useFocusLater();
  const list = useRef<HTMLUListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // A retried file leaves the list with its Retry button: the next file's Retry (or the heading) gets the focus.
  const retry = (id: string) => {
    const ids = failed.map((f) => f.id);
    void lantern.watch
      .retry(id)
      .then(() => {
        focusLater(() => focusAfterRowGone(list.current, ids, id, 'retry', heading.current));
        retried(id);
      })
      .catch(fail);
  };
  return (
    <section className="card" aria-labelledby="watch-failed">
      <h3 id="watch-failed" ref={heading} tabIndex={-1}>
        {t('watch.failed')}
      </h3>
      {failed.length === 0 ? (
        <p className="muted">{t('watch.noFailed')}</p>
      ) : (
        <ul className="failed" ref={list}>
          {failed.map((f) => (
            <li key={f.id} className="row" data-id={f.id}>
              <span className="grow">
                <span className="mono">{f.path}</span>
                <br />
                <span className="error-text small">
                  {f.code}: {f.message}
                </span>
              </span>
              <button
                type="button"
                className="button button--small"
                data-retry
                aria-label={t('watch.retryFor', { path: f.path })}
                onClick={() => retry(f.id)}
              >
                {t('watch.retry')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
