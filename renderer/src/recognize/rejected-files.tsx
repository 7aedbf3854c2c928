/** The files of the last drop, paste or open that were not added, each with why, so that none is skipped silently. */
import { INPUT_FORMATS } from '../../../app/contracts/input-formats';
import { formatOr } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { RejectedFile } from './supported-files';

/** The list, or nothing when every file was taken. */
export function RejectedFiles(props: {
  readonly files: readonly RejectedFile[];
  readonly onDismiss: () => void;
}) {
  const { t, lang } = useI18n();
  if (props.files.length === 0) return null;
  const formats = formatOr(
    lang,
    INPUT_FORMATS.map((f) => f.label),
  );
  return (
    <section className="notice notice--warn rejected" role="alert" data-testid="rejected-files">
      <div className="row">
        <h2 className="rejected__title grow">{t('rejected.title', { n: props.files.length })}</h2>
        <button type="button" className="button button--small" onClick={props.onDismiss}>
          {t('rejected.dismiss')}
        </button>
      </div>
      <ul className="rejected__list">
        {props.files.map((f, i) => (
          <li key={`${i}-${f.name}`} data-testid="rejected-file" data-name={f.name}>
            <strong>{f.name}</strong>
            {': '}
            {f.kind ? t('rejected.kind', { kind: f.kind }) : t('rejected.unknownKind')}
          </li>
        ))}
      </ul>
      <p className="small">{t('rejected.supported', { formats })}</p>
    </section>
  );
}
