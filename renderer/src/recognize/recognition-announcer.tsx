/**
 * The one polite status line of Recognize: each item's outcome once, and a long document's page progress at most
 * every few seconds, so that a screen reader hears that a result is there without being flooded by every page; the
 * view also says in it what Remove and Clear all took away.
 */
import { useEffect, useRef } from 'react';
import { useI18n, type Translate } from '../i18n/i18n';
import { LiveLine, PROGRESS_EVERY_MS, type Utterance } from '../live-line';
import type { ItemState, RecognitionItem } from './recognition-strip';

/** What was last said of an item: its state, and since when nothing was said of its progress. */
export interface Heard {
  readonly state: ItemState;
  readonly quietSince: number;
}

/** The sentences for what changed since `heard` (which it brings up to date); a selected item's failure is its alert's. */
export function newsOf(
  t: Translate,
  items: readonly RecognitionItem[],
  selectedId: string | null,
  heard: Map<string, Heard>,
  now: number,
): string[] {
  const said: string[] = [];
  for (const [id] of heard) if (!items.some((it) => it.id === id)) heard.delete(id);
  for (const it of items) {
    const before = heard.get(it.id);
    const changed = before?.state !== it.state;
    let quietSince = changed || !before ? now : before.quietSince;
    if (changed && it.state === 'done')
      said.push(
        it.document
          ? t('announce.docDone', { name: it.name, n: it.document.pages.length })
          : t('announce.done', { name: it.name, n: it.result?.lines.length ?? 0 }),
      );
    else if (changed && it.state === 'error' && it.id !== selectedId)
      said.push(t('announce.failed', { name: it.name }));
    else if (!changed && it.state === 'running' && it.progress && now - quietSince >= PROGRESS_EVERY_MS) {
      said.push(t('announce.progress', { name: it.name, page: it.progress.page, pages: it.progress.pages }));
      quietSince = now;
    }
    heard.set(it.id, { state: it.state, quietSince });
  }
  return said;
}

/**
 * The visually hidden status line (kept in the page, so that each utterance in it is announced, a repeated one too);
 * `said` and `say` are the view's, which speaks in the same line.
 */
export function RecognitionAnnouncer(props: {
  readonly items: readonly RecognitionItem[];
  readonly selectedId: string | null;
  readonly said: Utterance;
  readonly say: (text: string) => void;
}) {
  const { t } = useI18n();
  const heard = useRef(new Map<string, Heard>());
  const { items, selectedId, said, say } = props;
  useEffect(() => {
    const news = newsOf(t, items, selectedId, heard.current, Date.now());
    if (news.length > 0) say(news.join(' '));
    // Only the items' changes are news: a new selection or language says nothing by itself.
  }, [items]);
  return <LiveLine said={said} testId="recognition-announcer" />;
}
