/**
 * The selected item's result: toolbar (mode, copy, export), the image (or a document's chosen page) with boxes, and
 * the text, linked both ways.
 */
import { useEffect, useRef, useState } from 'react';
import { isReadPage } from '../../../app/contracts/document-result';
import { imageDocument } from '../../../app/contracts/document-formats';
import type { OcrResult } from '../../../app/contracts/ocr-result';
import { errorWords } from '../action-error';
import { useFocusLater } from '../focus-later';
import { useI18n } from '../i18n/i18n';
import { copyText } from './clipboard';
import { DocProgress } from './doc-progress';
import { PageSwitcher, pageResult, usePageImage } from './document-pages';
import {
  documentExportContent,
  documentText,
  download,
  EXPORT_FORMATS,
  exportContent,
  exportName,
  LOW_CONFIDENCE,
  textOf,
  type TextMode,
} from './export';
import { useFailureText } from './failure';
import { ImageOverlay } from './image-overlay';
import { clickLine, NO_LINK, selectedText, type LineLink } from './line-selection';
import { ModeToggle } from './mode-toggle';
import { TextPanel } from './text-panel';
import { WaitingLine } from './waiting-line';
import { ResultFailure } from './result-failure';
import { ResultNotice, useNotice } from './result-notice';
import { ResultWarnings } from './result-warnings';
import type { ItemFile } from './item-file';
import type { RecognitionItem } from './recognition-strip';
import { useSearchablePdf } from './use-searchable-pdf';

/** Whether the page has a non-empty text selection (kept up to date). */
function useDocumentSelection(): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    const update = () => setHas((document.getSelection()?.toString() ?? '').trim().length > 0);
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, []);
  return has;
}

/** Result of one image: image + boxes on one side, text on the other, actions above. */
export function ResultPane(props: {
  readonly item: RecognitionItem | undefined;
  readonly mode: TextMode;
  readonly onMode: (m: TextMode) => void;
  readonly onRetry: (id: string) => void;
  readonly onCancel: (id: string) => void;
  readonly onUnlock: (id: string, password: string) => void;
  readonly fileOf: (id: string) => ItemFile | undefined;
}) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const { item, mode } = props;
  const [link, setLink] = useState<LineLink>(NO_LINK);
  const { notice, say, clear: clearNotice } = useNotice(item?.id);
  // Kept with its item, so another item's first render already shows page 1 (no request for a page it lacks).
  const [chosenPage, setChosenPage] = useState<{ readonly itemId: string; readonly page: number }>();
  const pageNo = item && chosenPage?.itemId === item.id ? chosenPage.page : 1;
  const setPageNo = (page: number) => item && setChosenPage({ itemId: item.id, page });
  const hasDocSelection = useDocumentSelection();
  /** Items whose password prompt the user cancelled (the error box offers it again). */
  const [declined, setDeclined] = useState<ReadonlySet<string>>(new Set());
  // Where the focus goes when the control that had it goes (the password dialog): never to <body>.
  const focusLater = useFocusLater();
  const title = useRef<HTMLHeadingElement>(null);
  const pdf = useSearchablePdf(say);
  const doc = item?.document;
  const page = doc?.pages.find((p) => p.page === pageNo);
  const result: OcrResult | undefined =
    item?.kind === 'document'
      ? page && isReadPage(page)
        ? pageResult(page, page.source)
        : undefined
      : item?.result;
  const file = item ? props.fileOf(item.id) : undefined;
  const pageImage = usePageImage(
    item?.kind === 'document' && doc ? file : undefined,
    doc ? pageNo : undefined,
  );

  useEffect(() => setLink(NO_LINK), [item?.id, item?.result, doc, pageNo]);

  // Before any return: the line stays in the page (and is not remade) whether an item is chosen or not.
  const waiting =
    item && !result && (item.state === 'queued' || item.state === 'running')
      ? { id: item.id, name: item.name }
      : undefined;
  const waitingLine = <WaitingLine waiting={waiting} />;

  if (!item)
    return (
      <>
        {waitingLine}
        {/* Not a live region: its words are no news, and Remove or Clear all says what emptied it. */}
        <section className="result result--empty">
          <p>{t('result.empty')}</p>
        </section>
      </>
    );

  const copy = (text: string) => {
    clearNotice();
    return copyText(text).then(
      () => say(t('action.copied')),
      (err: unknown) => say(t('action.copyFailed', { msg: errorWords(err) }), 'error'),
    );
  };
  const copySelection = () => {
    if (result && link.selected.size > 0) return copy(selectedText(result.lines, link.selected));
    return copy(document.getSelection()?.toString() ?? '');
  };
  const hover = (i: number | null) => setLink((l) => (l.hovered === i ? l : { ...l, hovered: i }));
  const click = (origin: 'box' | 'line') => (i: number, additive: boolean) =>
    setLink((l) => clickLine(l, i, additive, origin));
  const low = result ? result.lines.filter((l) => l.score < LOW_CONFIDENCE).length : 0;
  const whole = doc ?? (item.result ? imageDocument({ ...item.result, file: item.name }) : undefined);
  const allText = doc ? documentText(doc, mode) : result ? textOf(result, mode) : '';
  const decline = (on: boolean) =>
    setDeclined((s) => {
      const next = new Set(s);
      if (on) next.add(item.id);
      else next.delete(item.id);
      return next;
    });
  const imageUrl = item.kind === 'image' ? item.url : pageImage.state === 'ready' ? pageImage.url : undefined;

  return (
    <>
      {waitingLine}
      <section className="result" aria-labelledby="result-title" data-testid="result">
        <header className="result__header">
          <div className="result__title">
            <h2 id="result-title" ref={title} tabIndex={-1}>
              {item.name}
            </h2>
            {item.kind === 'document' && item.state === 'running' && (
              <DocProgress
                item={item}
                onCancel={() => {
                  props.onCancel(item.id);
                  focusLater(() => title.current);
                }}
              />
            )}
            {result && (
              <p className="muted" data-testid="result-stats">
                {doc
                  ? [
                      t('strip.docDone', { n: doc.pages.length, ms: doc.ms }),
                      `${t('doc.page', { n: pageNo })}: ${t('history.lines', { n: result.lines.length })}`,
                      ...(result.provider === 'pdf-text' ? [t('doc.fromPdf')] : []),
                    ].join(' · ')
                  : t('result.stats', {
                      n: result.lines.length,
                      ms: Math.round(result.ms.total),
                      provider: result.provider,
                    })}
                {low > 0 && <span className="badge badge--warn">{t('result.lowCount', { n: low })}</span>}
              </p>
            )}
          </div>
          {whole && (
            <div className="toolbar">
              <ModeToggle mode={mode} onMode={props.onMode} />
              <button type="button" className="button" onClick={() => void copy(allText)}>
                {t(doc ? 'doc.copyDoc' : 'action.copyAll')}
              </button>
              <button
                type="button"
                className="button"
                disabled={link.selected.size === 0 && !hasDocSelection}
                onClick={() => void copySelection()}
              >
                {t('action.copySel')}
              </button>
              <span className="toolbar__group" role="group" aria-label={t('action.export')}>
                <span className="toolbar__label" aria-hidden="true">
                  {t('action.export')}
                </span>
                {EXPORT_FORMATS.map((f) => (
                  <button
                    key={f}
                    type="button"
                    className="button button--small"
                    aria-label={t('action.exportAs', { fmt: f.toUpperCase() })}
                    onClick={() => {
                      clearNotice();
                      download(
                        doc
                          ? documentExportContent(doc, item.name, f, mode)
                          : exportContent(item.result!, item.name, f, mode),
                        exportName(item.name, f),
                        f,
                      );
                    }}
                  >
                    .{f}
                  </button>
                ))}
                <button
                  type="button"
                  className="button button--small"
                  data-testid="export-pdf"
                  disabled={doc?.encrypted}
                  aria-disabled={pdf.writing(item.id) || undefined}
                  aria-describedby={doc?.encrypted ? 'export-pdf-locked' : undefined}
                  onClick={() => file && whole && pdf.write(item.id, item.name, file, whole)}
                >
                  {t('action.searchablePdf')}
                </button>
                {doc?.encrypted && (
                  <span id="export-pdf-locked" className="muted" data-testid="export-pdf-locked">
                    {t('action.pdfEncrypted')}
                  </span>
                )}
              </span>
            </div>
          )}
        </header>
        <ResultNotice
          notice={notice}
          onDismiss={() => {
            clearNotice();
            focusLater(() => title.current);
          }}
        />
        <ResultFailure
          item={item}
          declined={declined.has(item.id)}
          onDecline={decline}
          onRetry={() => props.onRetry(item.id)}
          onUnlock={(password) => props.onUnlock(item.id, password)}
          focusTitle={() => title.current}
        />
        <ResultWarnings warnings={whole?.warnings ?? []} pages={whole?.pages.length ?? 0} />
        {doc && <PageSwitcher pages={doc.pages} page={pageNo} onPage={setPageNo} />}
        {page && !isReadPage(page) && (
          <p className="error-box" role="alert" data-testid="page-error">
            {t('doc.pageFailed', { n: page.page, msg: failureText(page.error) })}
          </p>
        )}
        <div className="result__body">
          {imageUrl ? (
            <ImageOverlay
              key={`${item.id}:${doc ? pageNo : 0}`}
              url={imageUrl}
              name={doc ? `${item.name} · ${t('doc.page', { n: pageNo })}` : item.name}
              result={result}
              link={link}
              onHover={hover}
              onClick={click('box')}
            />
          ) : (
            <p className="muted overlay" data-testid="page-image-state">
              {doc && pageImage.state === 'error'
                ? t('doc.imageFailed', { n: pageNo, msg: errorWords(pageImage.error) })
                : doc
                  ? t('doc.pageLoading', { n: pageNo })
                  : ''}
            </p>
          )}
          <div className="result__text">
            {result ? (
              result.lines.length > 0 ? (
                <>
                  <TextPanel
                    result={result}
                    mode={mode}
                    link={link}
                    onHover={hover}
                    onClick={click('line')}
                  />
                  {mode === 'lines' && <p className="muted small">{t('result.hint')}</p>}
                </>
              ) : (
                <p className="muted">{t('result.noText')}</p>
              )
            ) : (
              waiting && <p className="muted">{t('result.waiting', { name: item.name })}</p>
            )}
          </div>
        </div>
      </section>
    </>
  );
}
