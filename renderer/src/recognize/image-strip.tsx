/** The strip of images being recognised: thumbnail, name, per-image progress and state (or its error), remove. */
import { useRef, useState, type RefObject } from 'react';
import { useI18n } from '../i18n/i18n';
import { FailureText, useFailureText } from './failure';
import type { RecognitionItem } from './recognition-strip';
import { neighbourOf } from './strip-focus';

function Thumb(props: { readonly url: string }) {
  const [broken, setBroken] = useState(false);
  return broken ? (
    <span className="thumb__img thumb__img--broken" aria-hidden="true">
      ⚠
    </span>
  ) : (
    <img className="thumb__img" src={props.url} alt="" onError={() => setBroken(true)} draggable={false} />
  );
}

/** One strip entry. */
function StripItem(props: {
  readonly item: RecognitionItem;
  readonly selected: boolean;
  readonly onSelect: () => void;
  readonly onRemove: () => void;
}) {
  const { t } = useI18n();
  const failureText = useFailureText();
  const { item } = props;
  const { progress } = item;
  const stateText =
    item.state === 'done' && item.document
      ? t('strip.docDone', { n: item.document.pages.length, ms: item.document.ms })
      : item.state === 'done' && item.result
        ? t('strip.done', { n: item.result.lines.length, ms: Math.round(item.result.ms.total) })
        : item.state === 'error'
          ? t(item.error?.code === 'CANCELLED' ? 'strip.cancelled' : 'strip.error')
          : item.state === 'running' && progress
            ? t('strip.pages', progress)
            : t(item.state === 'running' ? 'strip.running' : 'strip.queued');
  return (
    <li className={`strip__item strip__item--${item.state}${props.selected ? ' strip__item--selected' : ''}`}>
      <button
        type="button"
        className="thumb"
        aria-pressed={props.selected}
        data-testid="strip-item"
        data-id={item.id}
        data-state={item.state}
        data-name={item.name}
        onClick={props.onSelect}
      >
        {item.kind === 'document' ? (
          <span className="thumb__img thumb__img--doc" aria-hidden="true">
            {item.name.split('.').pop()?.toUpperCase().slice(0, 4)}
          </span>
        ) : item.url ? (
          <Thumb key={item.url} url={item.url} />
        ) : (
          <span className="thumb__img" aria-hidden="true" />
        )}
        <span className="thumb__name" title={item.name}>
          {item.name}
        </span>
        <span className="thumb__state" data-testid="strip-state">
          {stateText}
        </span>
        {item.state === 'error' && item.error && (
          <span className="thumb__error" data-testid="strip-error" title={failureText(item.error)}>
            <FailureText error={item.error} />
          </span>
        )}
        {/* The bar shows what the state text says: hidden from the button's name, which would read its value. */}
        {item.state === 'queued' && (
          <progress className="thumb__progress" max={1} value={0} aria-hidden="true" />
        )}
        {item.state === 'running' &&
          (progress ? (
            <progress
              className="thumb__progress"
              max={progress.pages}
              value={progress.page}
              aria-hidden="true"
            />
          ) : (
            <progress className="thumb__progress" aria-hidden="true" />
          ))}
        {item.state === 'done' && (
          <progress className="thumb__progress" max={1} value={1} aria-hidden="true" />
        )}
      </button>
      <div className="strip__actions">
        <button
          type="button"
          className="icon-button"
          aria-label={t('strip.remove', { name: item.name })}
          title={t('strip.remove', { name: item.name })}
          onClick={props.onRemove}
        >
          ×
        </button>
      </div>
    </li>
  );
}

/**
 * The horizontal list of images. Removing one hands the focus to its neighbour's thumbnail, and removing the last one
 * (or Clear all) to `emptyFocus` (Open…): the control that had it is gone, and <body> would start the user over.
 */
export function ImageStrip(props: {
  readonly items: readonly RecognitionItem[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onRemove: (id: string) => void;
  readonly onClear: () => void;
  readonly emptyFocus: RefObject<HTMLElement | null>;
}) {
  const { t } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  if (props.items.length === 0) return null;
  const remove = (id: string) => {
    const next = neighbourOf(
      props.items.map((it) => it.id),
      id,
    );
    const target = next ? list.current?.querySelector<HTMLElement>(`[data-id="${next}"]`) : null;
    (target ?? props.emptyFocus.current)?.focus();
    props.onRemove(id);
  };
  const clear = () => {
    props.emptyFocus.current?.focus();
    props.onClear();
  };
  return (
    <nav className="strip" aria-label={t('strip.label')}>
      <ul className="strip__list" data-testid="strip" ref={list}>
        {props.items.map((it) => (
          <StripItem
            key={it.id}
            item={it}
            selected={it.id === props.selectedId}
            onSelect={() => props.onSelect(it.id)}
            onRemove={() => remove(it.id)}
          />
        ))}
      </ul>
      <button type="button" className="button button--small strip__clear" onClick={clear}>
        {t('strip.clear')}
      </button>
    </nav>
  );
}
