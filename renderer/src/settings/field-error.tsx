/** The message under a Settings field whose value is out of range: it names the range the settings schema accepts. */
import { SETTINGS_LIMITS } from '../../../app/contracts/settings';
import { IDLE_MINUTES_MAX } from '../../../app/contracts/status';
import { useI18n } from '../i18n/i18n';
import type { CheckedField } from './settings-draft';

/** The allowed range of a field, said under it; its `id` is what the field's aria-describedby names. */
export function FieldError(props: { readonly id: string; readonly field: CheckedField }) {
  const { t } = useI18n();
  // Strings, not numbers: t() would group 65535 as "65,535", which is not how a port is written.
  const range = (r: { readonly min: number; readonly max: number }) => ({
    min: String(r.min),
    max: String(r.max),
  });
  const text =
    props.field === 'threads'
      ? t('settings.invalid.threads', range(SETTINGS_LIMITS.threads))
      : props.field === 'idleMinutes'
        ? t('settings.invalid.minutes', { max: String(IDLE_MINUTES_MAX) })
        : props.field === 'httpPort'
          ? t('settings.invalid.port', range(SETTINGS_LIMITS.port))
          : t('settings.invalid.token', range(SETTINGS_LIMITS.token));
  return (
    <p id={props.id} className="error-text small" data-testid="field-error">
      {text}
    </p>
  );
}
