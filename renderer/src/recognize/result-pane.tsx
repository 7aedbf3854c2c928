/** The selected image's result: toolbar (mode, copy, export), the image with boxes, and the text, linked both ways. */
import { useEffect, useState } from 'react';
import { isRetryable } from '../../../app/contracts/errors';
import type { OcrResult } from '../../../app/ocr/types';
import { useI18n } from '../i18n/i18n';
import { copyText } from './clipboard';
import {
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
import type { RecognitionItem } from './use-recognitions';

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
}) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const { item, mode } = props;
  const [link, setLink] = useState<LineLink>(NO_LINK);
  const [notice, setNotice] = useState('');
  const hasDocSelection = useDocumentSelection();
  const result: OcrResult | undefined = item?.result;

  useEffect(() => setLink(NO_LINK), [item?.id, result]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(''), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  if (!item)
    return (
      <section className="result result--empty" aria-live="polite">
        <p>{t('result.empty')}</p>
      </section>
    );

  const copy = (text: string) =>
    copyText(text).then(
      () => setNotice(t('action.copied')),
      (err: unknown) => setNotice(t('action.copyFailed', { msg: (err as Error)?.message ?? String(err) })),
    );
  const copySelection = () => {
    if (result && link.selected.size > 0) return copy(selectedText(result.lines, link.selected));
    return copy(document.getSelection()?.toString() ?? '');
  };
  const hover = (i: number | null) => setLink((l) => (l.hovered === i ? l : { ...l, hovered: i }));
  const click = (origin: 'box' | 'line') => (i: number, additive: boolean) =>
    setLink((l) => clickLine(l, i, additive, origin));
  const low = result ? result.lines.filter((l) => l.score < LOW_CONFIDENCE).length : 0;

  return (
    <section className="result" aria-labelledby="result-title" data-testid="result">
      <header className="result__header">
        <div className="result__title">
          <h2 id="result-title">{item.name}</h2>
          {result && (
            <p className="muted" data-testid="result-stats">
              {t('result.stats', {
                n: result.lines.length,
                ms: Math.round(result.ms.total),
                provider: result.provider,
              })}
              {low > 0 && <span className="badge badge--warn">{t('result.lowCount', { n: low })}</span>}
            </p>
          )}
        </div>
        {result && (
          <div className="toolbar">
            <ModeToggle mode={mode} onMode={props.onMode} />
            <button type="button" className="button" onClick={() => void copy(textOf(result, mode))}>
              {t('action.copyAll')}
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
                  onClick={() =>
                    download(exportContent(result, item.name, f, mode), exportName(item.name, f), f)
                  }
                >
                  .{f}
                </button>
              ))}
            </span>
          </div>
        )}
      </header>
      <p className="notice" role="status" aria-live="polite" data-testid="notice">
        {notice}
      </p>
      {item.state === 'error' && item.error && (
        <div className="error-box row" role="alert" data-testid="result-error">
          <span className="grow">{failureText(item.error)}</span>
          {isRetryable(item.error.code) && (
            <button type="button" className="button button--small" onClick={() => props.onRetry(item.id)}>
              {t('status.retry')}
            </button>
          )}
        </div>
      )}
      <div className="result__body">
        <ImageOverlay
          key={item.id}
          url={item.url}
          name={item.name}
          result={result}
          link={link}
          onHover={hover}
          onClick={click('box')}
        />
        <div className="result__text">
          {result ? (
            result.lines.length > 0 ? (
              <>
                <TextPanel result={result} mode={mode} link={link} onHover={hover} onClick={click('line')} />
                {mode === 'lines' && <p className="muted small">{t('result.hint')}</p>}
              </>
            ) : (
              <p className="muted">{t('result.noText')}</p>
            )
          ) : (
            item.state !== 'error' && (
              <p className="muted" aria-live="polite">
                {t('result.waiting', { name: item.name })}
              </p>
            )
          )}
        </div>
      </div>
    </section>
  );
}
