/** Live activity of watched folders and batches: documents being read page by page, then each file's latest step. */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import { PagesAnnouncer } from './pages-announcer';
import type { FileEvent, PageEvent } from './use-watch-feed';

/** The file name of a path from any platform. */
const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** The activity card: the pages being read now (with bars), then the latest file events, newest first. */
export function WatchActivity(props: {
  readonly reading: ReadonlyMap<string, PageEvent>;
  readonly activity: readonly FileEvent[];
}) {
  const { t, lang } = useI18n();
  const { reading, activity } = props;
  // Each page bar is named by its line ("a.pdf — page 3 of 20"): a bar without one is a progress bar of nothing.
  const ids = useId();
  const time = new Intl.DateTimeFormat(lang, { timeStyle: 'medium' });
  return (
    <section className="card" aria-labelledby="watch-activity">
      <h3 id="watch-activity">{t('watch.activity')}</h3>
      {/* The page lines are not a live region (every page would be said, one after another): this paces them. */}
      <PagesAnnouncer reading={reading} />
      {reading.size > 0 && (
        <ul className="activity" data-testid="watch-pages">
          {[...reading.values()].map((p, i) => (
            <li key={p.path} className="activity__item">
              <span className="badge" id={`${ids}-${i}`}>
                {t('watch.page', { name: baseName(p.path), page: p.page, pages: p.pages })}
              </span>
              <progress className="bar" max={p.pages} value={p.page} aria-labelledby={`${ids}-${i}`} />
            </li>
          ))}
        </ul>
      )}
      {activity.length === 0 && <p className="muted">{t('watch.noActivity')}</p>}
      {/* Always in the page: a live region speaks of what is added to it, not of what it was created with. */}
      <ol className="activity" aria-live="polite" data-testid="watch-activity-list">
        {activity.map((a, i) => (
          <li key={`${a.at}-${i}`} className={`activity__item activity__item--${a.state}`}>
            <span className="muted small">{time.format(a.at)}</span>{' '}
            <span className="badge">{t(`watch.file.${a.state}`)}</span> <span className="mono">{a.path}</span>
            {a.message && <span className="error-text small"> — {a.message}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
