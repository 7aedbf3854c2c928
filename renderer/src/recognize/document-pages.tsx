/** A document's pages in the result pane: the page switcher, one page as an OcrResult, and its image loaded lazily. */
import { useEffect, useRef, useState } from 'react';
import type { DocumentPage, ReadPage } from '../../../app/contracts/document-result';
import { isReadPage } from '../../../app/contracts/document-result';
import { receivedError } from '../../../app/contracts/errors';
import type { OcrResult } from '../../../app/contracts/ocr-result';
import { useI18n } from '../i18n/i18n';
import { pageImageOf, type ItemFile } from './item-file';

/** A read page as the result the image overlay and text panel show (`provider` says where its text came from). */
export function pageResult(p: ReadPage, provider: string): OcrResult {
  return {
    width: p.width,
    height: p.height,
    lines: p.lines,
    text: p.text,
    ...(p.paragraphs === undefined ? {} : { paragraphs: p.paragraphs }),
    ...(p.blocks === undefined ? {} : { blocks: p.blocks }),
    ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 0 },
    provider,
  };
}

/** What the page image is: loading, an object URL, or why it failed. */
export type PageImage =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly url: string }
  | { readonly state: 'error'; readonly error: { readonly code: string; readonly message: string } };

const LOADING: PageImage = { state: 'loading' };

/**
 * The PNG of one page, asked for when shown and released when another is (one page image in memory at a time). The
 * image is answered only for the file and page it was read for: the render that shows another page gets `loading`,
 * so an object URL is never rendered after the effect's cleanup has revoked it.
 */
export function usePageImage(file: ItemFile | undefined, page: number | undefined): PageImage {
  const [held, setHeld] = useState<{
    readonly file: ItemFile;
    readonly page: number;
    readonly image: PageImage;
  }>();
  useEffect(() => {
    if (!file || page === undefined) return;
    let url: string | null = null;
    let live = true;
    pageImageOf(file, page).then(
      (png) => {
        if (!live) return;
        url = URL.createObjectURL(new Blob([png.slice()], { type: 'image/png' }));
        setHeld({ file, page, image: { state: 'ready', url } });
      },
      (err: unknown) => {
        if (live) setHeld({ file, page, image: { state: 'error', error: receivedError(err) } });
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
      // Forgotten with its URL: going back to this page before another has loaded must not show the revoked one.
      setHeld(undefined);
    };
  }, [file, page]);
  return held && held.file === file && held.page === page ? held.image : LOADING;
}

/** The page a key moves to from `page` of `count` (arrows, Home, End), or undefined for any other key. */
export function pageForKey(key: string, page: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(page + 1, count);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(page - 1, 1);
    case 'Home':
      return 1;
    case 'End':
      return count;
    default:
      return undefined;
  }
}

/**
 * The page switcher: one button per page (marked, and named, when it failed), the chosen one pressed. Only the chosen
 * page is a tab stop and the arrow keys, Home and End move between pages: a long document is one stop, not one per page.
 */
export function PageSwitcher(props: {
  readonly pages: readonly DocumentPage[];
  readonly page: number;
  readonly onPage: (n: number) => void;
}) {
  const { t } = useI18n();
  const list = useRef<HTMLUListElement>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const last = props.pages.at(-1)?.page ?? 1;
    const next = pageForKey(e.key, props.page, last);
    if (next === undefined) return;
    e.preventDefault();
    props.onPage(next);
    list.current?.querySelector<HTMLButtonElement>(`[data-page="${next}"]`)?.focus();
  };
  return (
    <nav className="pages" aria-label={t('doc.pages')}>
      <ul className="pages__list" data-testid="page-list" ref={list} onKeyDown={onKeyDown}>
        {props.pages.map((p) => (
          <li key={p.page}>
            <button
              type="button"
              className={`pages__item${isReadPage(p) ? '' : ' pages__item--failed'}`}
              aria-pressed={p.page === props.page}
              aria-label={t(isReadPage(p) ? 'doc.page' : 'doc.pageUnread', { n: p.page })}
              tabIndex={p.page === props.page ? 0 : -1}
              data-testid="page-tab"
              data-page={p.page}
              onClick={() => props.onPage(p.page)}
            >
              {p.page}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
