/** Writing an item's searchable PDF from the result pane: one write per item at a time, said when begun and done. */
import { useRef, useState } from 'react';
import type { DocumentResult } from '../../../app/contracts/document-result';
import { errorWords } from '../action-error';
import { useI18n } from '../i18n/i18n';
import { download, exportName } from './export';
import { searchablePdfOf, type ItemFile } from './item-file';
import type { NoticeKind } from './result-notice';

/** What the pane needs: whether an item's PDF is being written, and the write (a no-op while one is). */
export interface SearchablePdf {
  readonly writing: (itemId: string) => boolean;
  readonly write: (itemId: string, itemName: string, file: ItemFile, whole: DocumentResult) => void;
}

/**
 * Writing a long document's PDF takes a while: `say` tells that it began, then that it is ready (or why not); the
 * button keeps the focus, so a second press meanwhile must send nothing.
 */
export function useSearchablePdf(say: (text: string, kind?: NoticeKind) => void): SearchablePdf {
  const { t } = useI18n();
  // The ref answers a second Enter before the render that marks the button.
  const busy = useRef(new Set<string>());
  const [shown, setShown] = useState<ReadonlySet<string>>(new Set());
  const mark = (id: string, on: boolean) => {
    if (on) busy.current.add(id);
    else busy.current.delete(id);
    setShown(new Set(busy.current));
  };
  const write = (id: string, itemName: string, file: ItemFile, whole: DocumentResult) => {
    if (busy.current.has(id)) return;
    const name = exportName(itemName, 'pdf');
    mark(id, true);
    say(t('action.pdfWriting'), 'stays');
    void searchablePdfOf(file, whole)
      .then(
        (pdf) => {
          download(pdf, name, 'pdf');
          say(t('action.pdfReady', { name }));
        },
        (err: unknown) => say(t('action.pdfFailed', { msg: errorWords(err) }), 'error'),
      )
      .finally(() => mark(id, false));
  };
  return { writing: (id) => shown.has(id), write };
}
