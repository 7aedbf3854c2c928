/** The always-visible engine status pill: state colour and words, provider, load time; details on hover/focus. */
import { useId, useState } from 'react';
import { lantern } from '../bridge';
import { useEngineStatus } from '../hooks/use-engine-status';
import { useNow } from '../hooks/use-now';
import { useI18n } from '../i18n/i18n';
import { formatDuration, formatMs, providerLabel, queueOf, stateKey, toneOf } from './status-format';

/** The pill, its details panel and (in `error`) a Retry button. */
export function StatusPill() {
  const { t } = useI18n();
  const { status, recovering } = useEngineStatus();
  const [pinned, setPinned] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const detailsId = useId();
  const now = useNow(1000);
  const state = status?.state ?? null;
  const tone = toneOf(state);
  const restartingNow = recovering && (state === 'starting' || state === 'loading' || state === 'warming');
  const words = restartingNow ? `${t('state.restarting')} · ${t(stateKey(state))}` : t(stateKey(state));
  const provider = status?.modelLoaded ? providerLabel(status.provider) : null;
  const retry = () => {
    setRetrying(true);
    lantern
      .retry()
      .catch(() => {})
      .finally(() => setRetrying(false));
  };
  return (
    <div
      className={`status${pinned ? ' status--pinned' : ''}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setPinned(false);
      }}
    >
      <button
        type="button"
        className={`pill pill--${tone}`}
        data-testid="status-pill"
        data-state={state ?? 'connecting'}
        data-recovering={recovering ? 'true' : 'false'}
        aria-describedby={detailsId}
        aria-expanded={pinned}
        onClick={() => setPinned((p) => !p)}
      >
        <span className="pill__dot" aria-hidden="true" />
        <span className="visually-hidden">{t('status.label')}: </span>
        <span className="pill__words">{words}</span>
        {provider && <span className="pill__provider">{provider}</span>}
        {status?.modelLoaded && status.readyMs !== null && (
          <span className="pill__load" title={t('status.loadTime')}>
            {formatMs(status.readyMs)}
          </span>
        )}
      </button>
      {state === 'error' && (
        <button type="button" className="button button--small" onClick={retry} disabled={retrying}>
          {t('status.retry')}
        </button>
      )}
      <span className="visually-hidden" role="status" aria-live="polite">
        {words}
      </span>
      <div role="tooltip" id={detailsId} className="status__details" data-testid="status-details">
        <h2 className="status__heading">{t('status.details')}</h2>
        {status ? (
          <dl className="kv">
            <dt>{t('status.message')}</dt>
            <dd>{status.message}</dd>
            <dt>{t('status.provider')}</dt>
            <dd>{status.providerSummary ?? providerLabel(status.provider) ?? '—'}</dd>
            <dt>{t('status.loadTime')}</dt>
            <dd>
              {formatMs(status.readyMs)}
              {status.loadMs &&
                ` (det ${formatMs(status.loadMs.det)}, cls ${formatMs(status.loadMs.cls)}, rec ${formatMs(status.loadMs.rec)})`}
            </dd>
            <dt>{t('status.warmup')}</dt>
            <dd>{formatMs(status.warmupMs)}</dd>
            <dt>{t('status.uptime')}</dt>
            <dd>{formatDuration(now - status.startedAt)}</dd>
            <dt>{t('status.heartbeat')}</dt>
            <dd>
              {status.lastHeartbeatAt === null
                ? t('status.never')
                : t('status.ago', { s: Math.max(0, Math.round((now - status.lastHeartbeatAt) / 1000)) })}
            </dd>
            <dt>{t('status.restarts')}</dt>
            <dd data-testid="status-restarts">{status.restarts}</dd>
            <dt>{t('status.queue')}</dt>
            <dd>{queueOf(status)}</dd>
            <dt>{t('status.pid')}</dt>
            <dd data-testid="status-pid">{status.pid ?? '—'}</dd>
            {status.error && (
              <>
                <dt>{t('status.lastError')}</dt>
                <dd>
                  {status.error.code}: {status.error.message}
                </dd>
              </>
            )}
          </dl>
        ) : (
          <p>{t('state.connecting')}…</p>
        )}
      </div>
    </div>
  );
}
