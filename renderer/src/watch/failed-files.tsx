/** The failed files of watched folders and batches, each with its code and message and a retry button. */
import type { FailedFile } from '../../../app/contracts/lantern-api';
import { lantern } from '../bridge';
import { useI18n } from '../i18n/i18n';

/** The failed-files card: `retried` gets a file queued again, `fail` a retry refused. */
export function FailedFiles(props: {
  readonly failed: readonly FailedFile[];
  readonly retried: (fileId: string) => void;
  readonly fail: (err: unknown) => void;
}) {
  const { t } = useI18n();
  const { failed, retried, fail } = props;
  return (
    <section className="card" aria-labelledby="watch-failed">
      <h3 id="watch-failed">{t('watch.failed')}</h3>
      {failed.length === 0 ? (
        <p className="muted">{t('watch.noFailed')}</p>
      ) : (
        <ul className="failed">
          {failed.map((f) => (
            <li key={f.id} className="row">
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
                onClick={() =>
                  void lantern.watch
                    .retry(f.id)
                    .then(() => retried(f.id))
                    .catch(fail)
                }
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
