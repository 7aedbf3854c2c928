/**
 * What runs now, under the provider choice: a saved provider this machine cannot run (CUDA without an NVIDIA driver)
 * falls back to the next, and the user who chose it reads here, not only in the status details, that and why.
 */
import { useEngineStatus } from '../hooks/use-engine-status';
import { useI18n } from '../i18n/i18n';
import { providerText } from '../status/status-format';

/**
 * The running provider and why any provider tried before it could not be used; nothing while none runs. Marked as an
 * error when a provider chosen by name (`chosen`, the saved setting) is not the one running.
 */
export function ProviderNow(props: { readonly id: string; readonly chosen: string | undefined }) {
  const { t } = useI18n();
  const { status } = useEngineStatus();
  const text = status ? providerText(t, status) : null;
  if (!text) return null;
  const fellBack = props.chosen !== undefined && props.chosen !== 'auto' && status?.provider !== props.chosen;
  return (
    <p id={props.id} className={fellBack ? 'error-text small' : 'muted small'} data-testid="provider-now">
      {t('settings.providerNow', { text })}
    </p>
  );
}
