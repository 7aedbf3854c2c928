/**
 * The polite status line of the documents Batch & Watch reads page by page: a document's first page, then its progress
 * at most every few seconds (its end is the activity list's "Done"), so that a long PDF is not said page after page.
 */
import { useEffect, useRef } from 'react';
import { useI18n, type Translate } from '../i18n/i18n';
import { LiveLine, PROGRESS_EVERY_MS, useUtterance } from '../live-line';
import type { PageEvent } from './use-watch-feed';

/** The file name of a path from any platform. */
const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p;

/** The sentences for the pages worth saying now; `heard` (path → when its page was last said) is brought up to date. */
export function pageNewsOf(
  t: Translate,
  reading: ReadonlyMap<string, PageEvent>,
  heard: Map<string, number>,
  now: number,
): string[] {
  const said: string[] = [];
  for (const [path] of heard) if (!reading.has(path)) heard.delete(path);
  for (const [path, p] of reading) {
    const last = heard.get(path);
    if (last !== undefined && now - last < PROGRESS_EVERY_MS) continue;
    said.push(t('watch.page', { name: baseName(path), page: p.page, pages: p.pages }));
    heard.set(path, now);
  }
  return said;
}

/** The visually hidden line (always in the page, so that its first words are said too). */
export function PagesAnnouncer(props: { readonly reading: ReadonlyMap<string, PageEvent> }) {
  const { t } = useI18n();
  const heard = useRef(new Map<string, number>());
  const [said, say] = useUtterance();
  const { reading } = props;
  useEffect(() => {
    const news = pageNewsOf(t, reading, heard.current, Date.now());
    if (news.length > 0) say(news.join(' '));
    // Only new pages are news: a new language says nothing by itself.
  }, [reading]);
  return <LiveLine said={said} testId="watch-pages-said" />;
}
