/** The History list: one button per entry, with its name, when it was read, its size and its first lines. */
import type { RefObject } from 'react';
import type { HistoryEntry } from '../../../app/contracts/lantern-api';
import { useI18n } from '../i18n/i18n';

/** An entry's first two lines of text; a document's pages are joined by form feeds, which no font draws. */
function preview(text: string): string {
  return text
    .split(/[\n\f]+/)
    .filter((l) => l.trim() !== '')
    .slice(0, 2)
    .join(' ');
}

/** The entries as pressable rows; the chosen one is pressed. */
export function HistoryEntries(props: {
  readonly entries: readonly HistoryEntry[] | null;
  readonly chosen: string | null;
  readonly onChoose: (id: string) => void;
  /** The list, where a delete finds the neighbour's row to give the focus to (by its `data-entry`). */
  readonly listRef: RefObject<HTMLUListElement | null>;
}) {
  const { t, lang } = useI18n();
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <ul ref={props.listRef} className="entries" data-testid="history-list">
      {props.entries?.map((e) => (
        <li key={e.id}>
          <button
            type="button"
            className={`entry${e.id === props.chosen ? ' entry--on' : ''}`}
            aria-pressed={e.id === props.chosen}
            data-testid="history-entry"
            data-entry={e.id}
            onClick={() => props.onChoose(e.id)}
          >
            <span className="entry__name">{e.name}</span>
            <span className="entry__meta">
              {time.format(e.createdAt)} ·{' '}
              {e.document
                ? t('history.pages', { n: e.document.pages.length })
                : t('history.lines', { n: e.result.lines.length })}
            </span>
            <span className="entry__preview">{preview(e.result.text)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
