/** Where the settings are kept: the file, or a warning that `serve` without `--data` holds them in memory only. */
import type { Settings } from '../../../app/contracts/settings';
import { useI18n } from '../i18n/i18n';

/** Where these settings are kept, as the host reported it (older hosts do not: then what the bridge implies). */
export function StorageNote(props: { readonly runtime: Settings['runtime'] }) {
  const { t } = useI18n();
  const r = props.runtime;
  if (r?.file)
    return (
      <p data-testid="settings-storage">
        {t('settings.storage.file')} <code className="mono">{r.file}</code>
      </p>
    );
  if (r?.mode === 'serve')
    return (
      <p className="notice notice--warn" data-testid="settings-storage" role="note">
        {t('settings.storage.memory')}
      </p>
    );
  return <p data-testid="settings-storage">{t('settings.storage.unknown')}</p>;
}
