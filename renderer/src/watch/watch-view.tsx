/** The Batch & Watch view: watched folders (add by path, enable, remove, counts), failed files with retry, live events. */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { FailedFile, WatchEvent, WatchFolder, WatchOptions } from '../../../app/contracts/lantern-api';
import { ActionError, errorWords, useActionError } from '../action-error';
import { lantern, desktop } from '../bridge';
import { useI18n } from '../i18n/i18n';

type Format = WatchOptions['formats'][number];
type BatchEvent = Extract<WatchEvent, { type: 'batch' }>;
type FileEvent = Extract<WatchEvent, { type: 'file' }> & { readonly at: number };
type PageEvent = Extract<WatchEvent, { type: 'page' }>;

const FORMATS: readonly Format[] = ['txt', 'json', 'md', 'pdf'];
const MAX_ACTIVITY = 50;

/** The file name of a path from any platform. */
const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** The add-a-folder form. */
function AddFolder(props: { readonly onAdded: (f: WatchFolder) => void; readonly disabled: boolean }) {
  const { t } = useI18n();
  const ids = useId();
  const [dir, setDir] = useState('');
  const [recursive, setRecursive] = useState(false);
  const [outDir, setOutDir] = useState('');
  const [formats, setFormats] = useState<Format[]>(['txt']);
  const [error, setError] = useState<string | null>(null);
  const batchNow = () => {
    if (!dir.trim() || formats.length === 0) return;
    lantern.watch
      .batch(dir.trim(), { recursive, outDir: outDir.trim() || null, formats })
      .then(() => setError(null))
      .catch((err: unknown) => setError(errorWords(err)));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!dir.trim() || formats.length === 0) return;
    lantern.watch
      .add(dir.trim(), { recursive, outDir: outDir.trim() || null, formats })
      .then((f) => {
        setDir('');
        setError(null);
        props.onAdded(f);
      })
      .catch((err: unknown) => setError(errorWords(err)));
  };
  return (
    <form className="card" onSubmit={submit}>
      <h3>{t('watch.addTitle')}</h3>
      <div className="field">
        <label htmlFor={`${ids}-dir`}>{t('watch.path')}</label>
        <input
          id={`${ids}-dir`}
          type="text"
          className="mono"
          value={dir}
          placeholder="/home/me/Scans"
          spellCheck={false}
          onChange={(e) => setDir(e.target.value)}
          required
        />
        {desktop && (
          <button
            type="button"
            className="button button--small"
            onClick={() =>
              void desktop
                ?.chooseFolder()
                .then((d) => d && setDir(d))
                .catch((err: unknown) => setError(errorWords(err)))
            }
          >
            {t('watch.choose')}
          </button>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={recursive} onChange={(e) => setRecursive(e.target.checked)} />
        {t('watch.recursive')}
      </label>
      <div className="field">
        <label htmlFor={`${ids}-out`}>{t('watch.out')}</label>
        <input
          id={`${ids}-out`}
          type="text"
          className="mono"
          value={outDir}
          spellCheck={false}
          onChange={(e) => setOutDir(e.target.value)}
        />
      </div>
      <fieldset className="inline">
        <legend>{t('watch.formats')}</legend>
        {FORMATS.map((f) => (
          <label key={f} className="check">
            <input
              type="checkbox"
              checked={formats.includes(f)}
              onChange={(e) =>
                setFormats((cur) => (e.target.checked ? [...cur, f] : cur.filter((x) => x !== f)))
              }
            />
            .{f}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <button
          type="submit"
          className="button button--primary"
          disabled={props.disabled || !dir.trim() || formats.length === 0}
        >
          {t('watch.add')}
        </button>
        <button
          type="button"
          className="button"
          disabled={props.disabled || !dir.trim() || formats.length === 0}
          onClick={batchNow}
        >
          {t('watch.batchNow')}
        </button>
        {error && (
          <span className="error-text" role="alert">
            {error}
          </span>
        )}
      </div>
    </form>
  );
}

/** One watched folder. */
function FolderRow(props: {
  readonly folder: WatchFolder;
  readonly onChange: (f: WatchFolder | null) => void;
}) {
  const { t } = useI18n();
  const { folder } = props;
  const ids = useId();
  const { error, fail, clear } = useActionError();
  const total = folder.counts.queued + folder.counts.done + folder.counts.failed;
  return (
    <li className="folder card" data-testid="watch-folder">
      <div className="row">
        <span className="mono grow folder__dir" title={folder.dir}>
          {folder.dir}
        </span>
        <label className="check" htmlFor={`${ids}-on`}>
          <input
            id={`${ids}-on`}
            type="checkbox"
            role="switch"
            checked={folder.enabled}
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
        {t('watch.counts', { ...folder.counts })}
        {folder.options.recursive ? ` · ${t('watch.recursive')}` : ''} ·{' '}
        {folder.options.formats.map((f) => `.${f}`).join(' ')}
        {folder.options.outDir ? ` → ${folder.options.outDir}` : ''}
      </p>
      {total > 0 && (
        <progress
          className="bar"
          max={total}
          value={folder.counts.done + folder.counts.failed}
          aria-label={t('watch.counts', { ...folder.counts })}
        />
      )}
      <ActionError error={error} />
      {folder.notice && (
        <p className="muted" data-testid="watch-notice">
          {t('watch.polling')}
        </p>
      )}
      {folder.pausedReason && (
        <p className="error-text">{t('watch.paused', { reason: folder.pausedReason })}</p>
      )}
    </li>
  );
}

/** Batch & Watch. */
export function WatchView(props: { readonly active: boolean }) {
  const { t, lang } = useI18n();
  const [folders, setFolders] = useState<WatchFolder[] | null>(null);
  const [failed, setFailed] = useState<FailedFile[]>([]);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [activity, setActivity] = useState<FileEvent[]>([]);
  const [batch, setBatch] = useState<BatchEvent | null>(null);
  const { error, fail, clear } = useActionError();
  // Documents being read now, by path: their latest page, until the file's done or failed event.
  const [reading, setReading] = useState<ReadonlyMap<string, PageEvent>>(new Map());

  const load = useCallback(() => {
    lantern.watch.list().then(
      (list) => {
        setFolders(list);
        setUnavailable(null);
        lantern.watch.failed(100).then(setFailed, fail);
      },
      (err: unknown) => setUnavailable(errorWords(err)),
    );
  }, [fail]);

  useEffect(() => {
    if (props.active) load();
  }, [props.active, load]);

  useEffect(
    () =>
      lantern.watch.onEvent((e) => {
        if (e.type === 'folder')
          setFolders((list) => {
            if (!list) return list;
            const i = list.findIndex((f) => f.id === e.folder.id);
            return i < 0 ? [...list, e.folder] : list.map((f) => (f.id === e.folder.id ? e.folder : f));
          });
        else if (e.type === 'batch') setBatch(e);
        else if (e.type === 'page') setReading((m) => new Map(m).set(e.path, e));
        else if (e.type === 'file') {
          if (e.state !== 'queued')
            setReading((m) => {
              if (!m.has(e.path)) return m;
              const next = new Map(m);
              next.delete(e.path);
              return next;
            });
          setActivity((a) => [{ ...e, at: Date.now() }, ...a].slice(0, MAX_ACTIVITY));
          if (e.state === 'failed') lantern.watch.failed(100).then(setFailed, fail);
        }
      }),
    [fail],
  );

  const time = new Intl.DateTimeFormat(lang, { timeStyle: 'medium' });
  const changed = (id: string) => (f: WatchFolder | null) =>
    setFolders((list) =>
      list ? (f ? list.map((x) => (x.id === id ? f : x)) : list.filter((x) => x.id !== id)) : list,
    );

  return (
    <div className="watch">
      <div className="row">
        <h2>{t('watch.title')}</h2>
        <button type="button" className="button button--small" onClick={load}>
          {t('watch.refresh')}
        </button>
      </div>
      <ActionError error={error} testId="watch-error" />
      {unavailable && (
        <p className="notice notice--warn" data-testid="watch-unavailable">
          {t('watch.unavailable', { msg: unavailable })}
        </p>
      )}
      <div className="watch__grid">
        <div>
          <AddFolder
            disabled={unavailable !== null}
            onAdded={(f) => setFolders((l) => [...(l ?? []).filter((x) => x.id !== f.id), f])}
          />
          <section className="card" aria-labelledby="watch-folders">
            <h3 id="watch-folders">{t('watch.folders')}</h3>
            {batch && (
              <div className="batch">
                <p>
                  {t('watch.batch', {
                    done: batch.done,
                    total: batch.total,
                    failed: batch.failed,
                    state: batch.state,
                  })}
                </p>
                <progress className="bar" max={Math.max(1, batch.total)} value={batch.done + batch.failed} />
                {(batch.state === 'running' || batch.state === 'paused') && (
                  <div className="row">
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() =>
                        void lantern.watch
                          .batchControl(batch.batchId, batch.state === 'running' ? 'pause' : 'resume')
                          .then(clear, fail)
                      }
                    >
                      {t(batch.state === 'running' ? 'watch.batchPause' : 'watch.batchResume')}
                    </button>
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() =>
                        void lantern.watch.batchControl(batch.batchId, 'cancel').then(clear, fail)
                      }
                    >
                      {t('watch.batchCancel')}
                    </button>
                  </div>
                )}
              </div>
            )}
            {folders && folders.length === 0 && <p className="muted">{t('watch.none')}</p>}
            <ul className="folders">
              {folders?.map((f) => (
                <FolderRow key={f.id} folder={f} onChange={changed(f.id)} />
              ))}
            </ul>
          </section>
        </div>
        <div>
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
                          .then(() => (clear(), setFailed((l) => l.filter((x) => x.id !== f.id))))
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
          <section className="card" aria-labelledby="watch-activity">
            <h3 id="watch-activity">{t('watch.activity')}</h3>
            {reading.size > 0 && (
              <ul className="activity" data-testid="watch-pages" aria-live="polite">
                {[...reading.values()].map((p) => (
                  <li key={p.path} className="activity__item">
                    <span className="badge">
                      {t('watch.page', { name: baseName(p.path), page: p.page, pages: p.pages })}
                    </span>
                    <progress className="bar" max={p.pages} value={p.page} />
                  </li>
                ))}
              </ul>
            )}
            {activity.length === 0 ? (
              <p className="muted">{t('watch.noActivity')}</p>
            ) : (
              <ol className="activity" aria-live="polite">
                {activity.map((a, i) => (
                  <li key={`${a.at}-${i}`} className={`activity__item activity__item--${a.state}`}>
                    <span className="muted small">{time.format(a.at)}</span>{' '}
                    <span className="badge">{t(`watch.file.${a.state}`)}</span>{' '}
                    <span className="mono">{a.path}</span>
                    {a.message && <span className="error-text small"> — {a.message}</span>}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
