/** A batch's folder and progress bar with its pause, resume and cancel buttons. */
import { useEffect, useId, useRef } from 'react';
import { lantern } from '../bridge';
import { useI18n } from '../i18n/i18n';
import type { BatchEvent } from './use-watch-feed';

/** A batch's counts and bar; the controls while it runs or is paused (`done`/`fail` report the control's answer). */
export function BatchProgress(props: {
  readonly batch: BatchEvent;
  /** The control's answer: false when the server runs no such batch any more. */
  readonly done: (ok: boolean) => void;
  readonly fail: (err: unknown) => void;
}) {
  const { t } = useI18n();
  const { batch, done, fail } = props;
  const lineId = useId();
  const box = useRef<HTMLDivElement>(null);
  // Whether the keyboard focus is on a control; an ended batch's controls go, and the focus with them, to <body>.
  const onControl = useRef(false);
  const ended = batch.state !== 'running' && batch.state !== 'paused';
  useEffect(() => {
    if (!ended) return;
    const active = document.activeElement;
    // The batch, which says how it ended, takes the focus its controls had: never <body>, the top of the page.
    if (onControl.current && (active === null || active === document.body)) box.current?.focus();
    onControl.current = false;
  }, [ended]);
  return (
    <div ref={box} tabIndex={-1} className="batch" data-testid="batch" role="group" aria-label={batch.dir}>
      <p className="mono small batch__dir">{batch.dir}</p>
      <p data-testid="batch-line" id={lineId}>
        {t('watch.batch', {
          done: batch.done,
          total: batch.total,
          failed: batch.failed,
          state: t(`watch.batch.${batch.state}`),
        })}
      </p>
      <progress
        className="bar"
        max={Math.max(1, batch.total)}
        value={batch.done + batch.failed}
        aria-labelledby={lineId}
      />
      {batch.notice && (
        <p className="error-text" data-testid="batch-notice">
          {t('watch.batch.unreadable', { dirs: batch.notice.dirs.join(', ') })}
        </p>
      )}
      {batch.skipped && (
        <p className="muted" data-testid="batch-skipped">
          {t('watch.batch.watched', { dirs: batch.skipped.dirs.join(', ') })}
        </p>
      )}
      {!ended && (
        <div
          className="row"
          onFocus={() => (onControl.current = true)}
          onBlur={() => (onControl.current = false)}
        >
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void lantern.watch
                .batchControl(batch.batchId, batch.state === 'running' ? 'pause' : 'resume')
                .then(done, fail)
            }
          >
            {t(batch.state === 'running' ? 'watch.batchPause' : 'watch.batchResume')}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={() => void lantern.watch.batchControl(batch.batchId, 'cancel').then(done, fail)}
          >
            {t('watch.batchCancel')}
          </button>
        </div>
      )}
    </div>
  );
}
