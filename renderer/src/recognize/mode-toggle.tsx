/** The lines / paragraphs switch shared by the Recognize result and the History detail. */
import { useI18n } from '../i18n/i18n';
import type { TextMode } from './export';

/** A two-option radio group choosing how the text is shown. */
export function ModeToggle(props: { readonly mode: TextMode; readonly onMode: (m: TextMode) => void }) {
  const { t } = useI18n();
  return (
    <div className="segmented" role="radiogroup" aria-label={t('view.mode')}>
      {(['lines', 'paragraphs'] as const).map((m) => (
        <button
          key={m}
          type="button"
          role="radio"
          aria-checked={props.mode === m}
          className={props.mode === m ? 'segmented__on' : ''}
          onClick={() => props.onMode(m)}
        >
          {t(m === 'lines' ? 'view.lines' : 'view.paragraphs')}
        </button>
      ))}
    </div>
  );
}
