/** The History view: recent recognitions from `history.list()`; choosing one shows its text and boxes. */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { HistoryEntry } from '../../../app/contracts/lantern-api';
import { isReadPage } from '../../../app/contracts/document-result';
import type { OcrResult } from '../../../app/contracts/ocr-result';
import { ActionError, errorWords, useActionError } from '../action-error';
import { lantern } from '../bridge';
import { useI18n } from '../i18n/i18n';
import { copyText } from '../recognize/clipboard';
import { documentText, textOf, type TextMode } from '../recognize/export';
import { clickLine, NO_LINK, type LineLink } from '../recognize/line-selection';
import { ModeToggle } from '../recognize/mode-toggle';
import { useNotice } from '../recognize/result-notice';
import { TextPanel } from '../recognize/text-panel';
import { PageSwitcher, pageResult } from '../recognize/document-pages';
import { neighbourOf } from '../recognize/strip-focus';
import { LiveLine, useUtterance } from '../live-line';
import { BoxDiagram } from './box-diagram';
import { ClearConfirm } from './clear-confirm';
import { HistoryEntries } from './history-entries';

/** The entries the list shows; one more is asked for, so that Clear history knows when older ones exist. */
const LIST_ROWS = 100;

/** The detail's entry, the page shown of it, and the lines linked between its boxes and its text. */
interface DetailView {
  readonly chosen: string | null;
  readonly page: number;
  readonly link: LineLink;
}
const NO_VIEW: DetailView = { chosen: null, page: 1, link: NO_LINK };

/** What the detail shows: an image's result, or the chosen page of a document (undefined when it failed). */
function shownResult(entry: HistoryEntry, page: number): OcrResult | undefined {
  if (!entry.document) return entry.result;
  const p = entry.document.pages.find((x) => x.page === page);
  return p && isReadPage(p) ? pageResult(p, '') : undefined;
}

/** History: list and detail. */
export function HistoryView(props: { readonly active: boolean }) {
  const { t } = useI18n();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  // Older entries exist beyond the list: Clear history's question says so rather than a count that is too small.
  const [more, setMore] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // What the last Delete or Clear did, said to a screen reader (the focused control alone does not tell it).
  const [said, setSaid] = useUtterance();
  const confirmId = useId();
  const clearButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const deleting = useRef(false);
  const [error, setError] = useState<string | null>(null);
  // A failed Clear is that action's failure, not History being unavailable (which is what `error` says).
  const failed = useActionError();
  const [mode, setMode] = useState<TextMode>('lines');
  // The entry, its page and the linked lines change together: another entry is never drawn with the last one's page.
  const [view, setView] = useState<DetailView>(NO_VIEW);
  // Clearing disables Clear history, and deleting the last entry takes Delete away: the focus goes to the heading.
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const entryButton = (id: string) =>
    list.current?.querySelector<HTMLButtonElement>(`[data-entry="${CSS.escape(id)}"]`);
  const { chosen, page: pageNo, link } = view;
  // A notice belongs to the entry it was said for: another entry shows none, and a success fades.
  const { notice, say } = useNotice(chosen ?? undefined);
  const setChosen = (id: string | null) => setView({ ...NO_VIEW, chosen: id });
  const setPageNo = (page: number) => setView((v) => ({ ...v, page, link: NO_LINK }));
  const setLink = (next: (l: LineLink) => LineLink) => setView((v) => ({ ...v, link: next(v.link) }));
  const hover = (i: number | null) => setLink((l) => (l.hovered === i ? l : { ...l, hovered: i }));
  const click = (origin: 'box' | 'line') => (i: number, additive: boolean) =>
    setLink((l) => clickLine(l, i, additive, origin));

  const load = useCallback(() => {
    lantern.history.list(LIST_ROWS + 1).then(
      (list) => {
        setEntries(list.slice(0, LIST_ROWS));
        setMore(list.length > LIST_ROWS);
        // Nothing left to clear (deleted one by one, or elsewhere): the question goes rather than wait for a list.
        if (list.length === 0) setConfirming(false);
        setError(null);
      },
      (err: unknown) => setError((err as Error).message),
    );
  }, []);
  useEffect(() => {
    if (props.active) load();
  }, [props.active, load]);

  const cancelClear = () => {
    failed.clear();
    clearButton.current?.focus();
    setConfirming(false);
  };
  const clearAll = () =>
    void lantern.history
      .clear()
      .then(() => {
        failed.clear();
        heading.current?.focus();
        setConfirming(false);
        setChosen(null);
        setSaid(t('history.cleared'));
        load();
      })
      .catch(failed.fail);

  // The neighbour (older, else newer) is chosen and its row in the list takes the focus, so that Enter pressed again
  // or held down never deletes it too; none left: the heading. The focus moves before the render that takes the row
  // away, so no keystroke in between reaches a Delete that already means the next entry.
  const remove = (gone: HistoryEntry) => {
    if (deleting.current) return;
    deleting.current = true;
    const next = neighbourOf(entries?.map((e) => e.id) ?? [], gone.id);
    void lantern.history
      .remove(gone.id)
      .catch((err: unknown) => {
        // Already gone (another window deleted it, or it was pruned): what the user asked for is done.
        if ((err as { code?: unknown }).code !== 'NOT_FOUND') throw err;
      })
      .then(
        () => {
          const active = document.activeElement;
          if (active === deleteButton.current || active === document.body)
            (next ? entryButton(next) : heading.current)?.focus();
          setEntries((list) => list?.filter((e) => e.id !== gone.id) ?? null);
          setView((v) => (v.chosen === gone.id ? { ...NO_VIEW, chosen: next } : v));
          setSaid(t('history.deleted', { name: gone.name }));
          load();
        },
        (err: unknown) => say(t('history.deleteFailed', { msg: errorWords(err) }), 'error'),
      )
      .finally(() => (deleting.current = false));
  };

  const entry = entries?.find((e) => e.id === chosen) ?? null;
  const shown = entry ? shownResult(entry, pageNo) : undefined;
  return (
    <div className="history">
      <div className="history__list">
        <div className="row">
          <h2 ref={heading} tabIndex={-1}>
            {t('history.title')}
          </h2>
          <button type="button" className="button button--small" onClick={load}>
            {t('history.refresh')}
          </button>
          <button
            ref={clearButton}
            type="button"
            className="button button--small"
            disabled={!entries?.length}
            aria-expanded={confirming}
            aria-controls={confirming ? confirmId : undefined}
            onClick={() => (failed.clear(), setConfirming(true))}
          >
            {t('history.clear')}
          </button>
        </div>
        {confirming && !!entries?.length && (
          <ClearConfirm
            id={confirmId}
            count={entries.length}
            more={more}
            onClear={clearAll}
            onCancel={cancelClear}
          />
        )}
        <ActionError error={failed.error} testId="history-error" />
        <LiveLine said={said} testId="history-said" />
        {error && <p className="error-box">{t('history.unavailable', { msg: error })}</p>}
        {entries && entries.length === 0 && <p className="muted">{t('history.empty')}</p>}
        <HistoryEntries entries={entries} chosen={chosen} onChoose={setChosen} listRef={list} />
      </div>
      {/* Not a live region: choosing an entry would read all its lines aloud; the pressed entry says what is shown. */}
      <section className="history__detail">
        {entry ? (
          <>
            <div className="row">
              <h2>{entry.name}</h2>
              <ModeToggle mode={mode} onMode={setMode} />
              <button
                type="button"
                className="button"
                onClick={() =>
                  // A document's entry copies as Recognize's Copy document does: its pages' lines or paragraphs.
                  void copyText(
                    entry.document ? documentText(entry.document, mode) : textOf(entry.result, mode),
                  ).then(
                    () => say(t('action.copied')),
                    (err: unknown) => say(t('action.copyFailed', { msg: errorWords(err) }), 'error'),
                  )
                }
              >
                {t('action.copyAll')}
              </button>
              <button
                ref={deleteButton}
                type="button"
                className="button button--danger"
                aria-label={t('history.deleteFor', { name: entry.name })}
                data-testid="history-delete"
                onClick={() => remove(entry)}
              >
                {t('history.delete')}
              </button>
              <span className="notice" role="status" data-testid="history-notice">
                <span key={notice?.n ?? 0}>{notice?.text ?? ''}</span>
              </span>
            </div>
            {entry.document && (
              <div data-testid="history-detail-pages">
                <PageSwitcher pages={entry.document.pages} page={pageNo} onPage={setPageNo} />
              </div>
            )}
            <div className="result__body">
              {shown && (
                <BoxDiagram
                  result={shown}
                  label={t('history.boxes', { name: entry.name, w: shown.width, h: shown.height })}
                  {...(entry.image ? { image: entry.image } : {})}
                  link={link}
                  onHover={hover}
                  onClick={click('box')}
                />
              )}
              <div className="result__text">
                {shown && shown.lines.length > 0 ? (
                  <TextPanel result={shown} mode={mode} link={link} onHover={hover} onClick={click('line')} />
                ) : (
                  <p className="muted">{t('result.noText')}</p>
                )}
              </div>
            </div>
          </>
        ) : (
          entries && entries.length > 0 && <p className="muted">{t('history.select')}</p>
        )}
      </section>
    </div>
  );
}
