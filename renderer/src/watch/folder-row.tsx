/** One watched folder's row: its path, on/off switch, remove, counts with progress, and why it is paused. */
import { useId } from 'react';
import type { WatchFolder, WatchPauseCode } from '../../../app/contracts/lantern-api';
import { ActionError, useActionError } from '../action-error';
import { lantern } from '../bridge';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** The words of each kind of pause; the reason's own words (English, with the path) follow them. */
const PAUSED: Record<WatchPauseCode, MessageKey> = {
  FOLDER_UNAVAILABLE: 'watch.paused.FOLDER_UNAVAILABLE',
  OUTPUT_UNWRITABLE: 'watch.paused.OUTPUT_UNWRITABLE',
  OPTIONS_REFUSED: 'watch.paused.OPTIONS_REFUSED',
  WATCHING_PAUSED: 'watch.paused.WATCHING_PAUSED',
};

/** One watched folder: `onChange` gets the folder as it now is, or null once it is removed. */
export function FolderRow(props: {
  readonly folder: WatchFolder;
  readonly onChange: (f: WatchFolder | null) => void;
}) {
  const { t } = useI18n();
  const { folder } = props;
  const ids = useId();
  const { error, fail, clear } = useActionError();
  const total = folder.counts.queued + folder.counts.done + folder.counts.failed;
  // A damaged ledger stops watching until a restart: its counts are the last it gave and its switch changes nothing.
  // The ledger's notices are said once above the folders (ledger-notice.tsx), not again on every row.
  const stopped = folder.notice?.code === 'LEDGER_DAMAGED';
  const polling = folder.notice?.code === 'WATCH_POLLING';
  const details = [
    ...(stopped ? [] : [t('watch.counts', { ...folder.counts })]),
    ...(folder.options.recursive ? [t('watch.recursive')] : []),
    folder.options.formats.map((f) => `.${f}`).join(' '),
  ];
  return (
    <li className="folder card" data-testid="watch-folder" data-id={folder.id}>
      <div className="row">
        <span className="mono grow folder__dir" title={folder.dir}>
          {folder.dir}
        </span>
        <label className="check" htmlFor={`${ids}-on`}>
          <input
            id={`${ids}-on`}
            type="checkbox"
            role="switch"
            aria-label={t('watch.enabledFor', { dir: folder.dir })}
            checked={folder.enabled}
            disabled={stopped}
            onChange={(e) =>
              void lantern.watch
                .setEnabled(folder.id, e.target.checked)
                .then((f) => (clear(), props.onChange(f)))
                .catch(fail)
            }
          />
          {t('watch.enabled')}
        </label>
        <button
          type="button"
          className="button button--small"
          data-remove
          aria-label={t('watch.removeFor', { dir: folder.dir })}
          onClick={() =>
            void lantern.watch
              .remove(folder.id)
              .then(() => props.onChange(null))
              .catch(fail)
          }
        >
          {t('watch.remove')}
        </button>
      </div>
      <p className="muted small">
        {details.join(' · ')}
        {folder.options.outDir ? ` → ${folder.options.outDir}` : ''}
      </p>
      {total > 0 && !stopped && (
        <progress
          className="bar"
          max={total}
          value={folder.counts.done + folder.counts.failed}
          aria-label={t('watch.counts', { ...folder.counts })}
        />
      )}
      <ActionError error={error} />
      {polling && (
        <p className="muted" data-testid="watch-notice">
          {t('watch.polling')}
        </p>
      )}
      {folder.pausedReason && (
        <p className="error-text" data-testid="watch-paused">
          {folder.pausedCode === 'WATCHING_PAUSED' ? (
            t(PAUSED.WATCHING_PAUSED)
          ) : folder.pausedCode ? (
            <>
              {t(PAUSED[folder.pausedCode])} <span lang="en">{folder.pausedReason}</span>
            </>
          ) : (
            t('watch.paused', { reason: folder.pausedReason })
          )}
        </p>
      )}
    </li>
  );
}
