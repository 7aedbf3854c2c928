/** A document being read: its page line, bar and Cancel, above its result. */
import { useId } from 'react';
import { useI18n } from '../i18n/i18n';
import type { RecognitionItem } from './recognition-strip';

/** The running document's progress row; Cancel calls `onCancel` (the pane moves the focus to its title). */
export function DocProgress(props: { readonly item: RecognitionItem; readonly onCancel: () => void }) {
  const { t } = useI18n();
  const { item } = props;
  // The bar is named by its line, so a screen reader on it hears which page, not only "Pages".
  const line = useId();
  return (
    <p className="row" data-testid="doc-progress">
      <span id={line}>
        {item.progress
          ? t('doc.pageOf', { page: item.progress.page, pages: item.progress.pages })
          : t('result.waiting', { name: item.name })}
      </span>
      <progress max={item.progress?.pages ?? 1} value={item.progress?.page ?? 0} aria-labelledby={line} />
      <button type="button" className="button button--small" onClick={props.onCancel}>
        {t('doc.cancel')}
      </button>
    </p>
  );
}
