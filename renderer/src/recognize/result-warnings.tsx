/** What a result says was not all there to read (an image cut short, pages a PDF hides), shown above its text. */
import { assertNever } from '../../../app/contracts/assert-never';
import type { ResultWarning } from '../../../app/contracts/result-warnings';
import { useI18n } from '../i18n/i18n';

/** The warnings of the shown result, one line each in the UI language; nothing when there are none. */
export function ResultWarnings(props: {
  readonly warnings: readonly ResultWarning[];
  readonly pages: number;
}) {
  const { t } = useI18n();
  if (props.warnings.length === 0) return null;
  const words = (w: ResultWarning) => {
    switch (w.code) {
      case 'IMAGE_TRUNCATED':
        return t('warning.IMAGE_TRUNCATED');
      case 'PAGES_HIDDEN':
        return t('warning.PAGES_HIDDEN', { n: props.pages });
      default:
        return assertNever(w.code);
    }
  };
  return (
    <ul className="result__warnings" data-testid="result-warnings">
      {props.warnings.map((w) => (
        <li key={w.code} className="notice notice--warn" data-code={w.code}>
          {words(w)}
        </li>
      ))}
    </ul>
  );
}
