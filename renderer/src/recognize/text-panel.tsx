/** The recognised text beside the image: a listbox of lines (linked to the boxes) or plain paragraphs. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { OcrResult } from '../../../app/contracts/ocr-result';
import { useI18n } from '../i18n/i18n';
import { LOW_CONFIDENCE, paragraphsOf, type TextMode } from './export';
import type { LineLink } from './line-selection';

/** Lines (selectable, hover-linked to boxes) or paragraphs of one result. */
export function TextPanel(props: {
  readonly result: OcrResult;
  readonly mode: TextMode;
  readonly link: LineLink;
  readonly onHover: (i: number | null) => void;
  readonly onClick: (i: number, additive: boolean) => void;
}) {
  const { t } = useI18n();
  const { result, link } = props;
  const [focus, setFocus] = useState(0);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    if (link.origin !== 'box' || link.selected.size === 0) return;
    const last = Math.max(...link.selected);
    list.current?.querySelector(`[data-line="${last}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [link]);

  if (props.mode === 'paragraphs')
    return (
      // A named region: a plain div's name is not exposed, and a long text scrolls here, where the browser makes the
      // box a Tab stop that a screen reader would otherwise announce with no name.
      <div
        className="text-panel text-panel--paragraphs"
        role="region"
        data-testid="result-paragraphs"
        aria-label={t('result.text')}
      >
        {paragraphsOf(result).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    );

  const move = (e: KeyboardEvent<HTMLLIElement>, i: number) => {
    const n = result.lines.length;
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = Math.min(n - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = n - 1;
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      props.onClick(i, e.key === ' ' || e.ctrlKey || e.metaKey || e.shiftKey);
      return;
    }
    if (next === null) return;
    e.preventDefault();
    setFocus(next);
    list.current?.querySelector<HTMLElement>(`[data-line="${next}"]`)?.focus();
  };

  return (
    <ol
      ref={list}
      className="text-panel lines"
      role="listbox"
      aria-multiselectable="true"
      aria-label={t('result.text')}
      data-testid="result-lines"
      onMouseLeave={() => props.onHover(null)}
    >
      {result.lines.map((line, i) => {
        const low = line.score < LOW_CONFIDENCE;
        const cls = [
          'line',
          low ? 'line--low' : '',
          link.hovered === i ? 'line--hover' : '',
          link.selected.has(i) ? 'line--selected' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <li
            key={i}
            className={cls}
            role="option"
            aria-selected={link.selected.has(i)}
            tabIndex={i === Math.min(focus, result.lines.length - 1) ? 0 : -1}
            data-testid="result-line"
            data-line={i}
            data-low={low ? 'true' : undefined}
            onMouseEnter={() => props.onHover(i)}
            onFocus={() => {
              setFocus(i);
              props.onHover(i);
            }}
            onBlur={() => props.onHover(null)}
            onClick={(e) => props.onClick(i, e.ctrlKey || e.metaKey || e.shiftKey)}
            onKeyDown={(e) => move(e, i)}
          >
            <span className="line__text">{line.text}</span>
            {low && (
              <span className="line__low" title={t('line.low', { score: line.score.toFixed(2) })}>
                <span aria-hidden="true">⚠ </span>
                {t('line.low', { score: line.score.toFixed(2) })}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
