/** The Batch & Watch view: watched folders (add by path, enable, remove, counts), failed files with retry, live events. */
import { useRef } from 'react';
import type { WatchFolder } from '../../../app/contracts/lantern-api';
import { ActionError, useActionError } from '../action-error';
import { useFocusLater } from '../focus-later';
import { useI18n } from '../i18n/i18n';
import { AddFolderForm } from './add-folder-form';
import { BatchProgress } from './batch-progress';
import { FailedFiles } from './failed-files';
import { FolderRow } from './folder-row';
import { LedgerNoticeLine } from './ledger-notice';
import { focusAfterRowGone } from './row-focus';
import { useWatchFeed } from './use-watch-feed';
import { WatchActivity } from './watch-activity';

/** Batch & Watch. */
export function WatchView(props: { readonly active: boolean }) {
  const { t } = useI18n();
  const { error, fail, clear } = useActionError();
  const feed = useWatchFeed(props.active, fail);
  const { folders, batches } = feed;
  const focusLater = useFocusLater();
  const list = useRef<HTMLUListElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // A removed folder's row takes its Remove button with it: the next folder's Remove (or the heading) gets the focus.
  const folderChanged = (id: string) => (f: WatchFolder | null) => {
    const ids = folders?.map((x) => x.id) ?? [];
    if (f === null) focusLater(() => focusAfterRowGone(list.current, ids, id, 'remove', heading.current));
    feed.folderChanged(id)(f);
  };

  // A batch the server no longer runs ended unheard (the stream was down): the list shows how things stand now.
  const controlled = (ok: boolean) => {
    clear();
    if (!ok) feed.load();
  };

  return (
    <div className="watch">
      <div className="row">
        <h2>{t('watch.title')}</h2>
        <button type="button" className="button button--small" onClick={feed.load}>
          {t('watch.refresh')}
        </button>
      </div>
      <ActionError error={error} testId="watch-error" />
      {feed.unavailable && (
        <p className="notice notice--warn" data-testid="watch-unavailable">
          {t('watch.unavailable', { msg: feed.unavailable })}
        </p>
      )}
      <div className="watch__grid">
        <div>
          <AddFolderForm disabled={feed.unavailable !== null} onAdded={feed.folderAdded} />
          <section className="card" aria-labelledby="watch-folders">
            <h3 id="watch-folders" ref={heading} tabIndex={-1}>
              {t('watch.folders')}
            </h3>
            <LedgerNoticeLine notice={feed.ledger} />
            {batches.map((b) => (
              <BatchProgress key={b.batchId} batch={b} done={controlled} fail={fail} />
            ))}
            {folders && folders.length === 0 && <p className="muted">{t('watch.none')}</p>}
            <ul className="folders" ref={list}>
              {folders?.map((f) => (
                <FolderRow key={f.id} folder={f} onChange={folderChanged(f.id)} />
              ))}
            </ul>
          </section>
        </div>
        <div>
          <FailedFiles failed={feed.failed} retried={(id) => (clear(), feed.retried(id))} fail={fail} />
          <WatchActivity reading={feed.reading} activity={feed.activity} />
        </div>
      </div>
    </div>
  );
}
