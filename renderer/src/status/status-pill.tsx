/**
 * The always-visible engine status pill: state colour and words, provider, load time (each labelled); a glance at the
 * details on hover/focus, and the pill opens them as a disclosure (WAI-ARIA) whose panel follows it in Tab order.
 */
import { useEffect, useId, useRef, useState, type FocusEvent, type ReactNode } from 'react';
import { ActionError, useActionError } from '../action-error';
import { lantern } from '../bridge';
import { useEngineStatus } from '../hooks/use-engine-status';
import { useNow } from '../hooks/use-now';
import { formatMs } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import {
  formatDuration,
  LOST_CONNECTION_WORDS,
  providerLabel,
  providerText,
  queueOf,
  stateKey,
  toneOf,
} from './status-format';
import { useSpokenState } from './spoken-state';
import { detailText, faultText } from './status-words';

/** A figure of the details panel: its name, its value, and one line saying what it means. */
function Figure(props: {
  readonly label: MessageKey;
  readonly why: MessageKey;
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t(props.label)}</dt>
      <dd>
        <span data-testid={props.testId}>{props.children}</span>
        <span className="kv__why">{t(props.why)}</span>
      </dd>
    </>
  );
}

/** The pill, its details panel and (in `error`) a Retry button. */
export function StatusPill() {
  const { t, lang } = useI18n();
  const { status, recovering, connection } = useEngineStatus();
  const [pinned, setPinned] = useState(false);
  // Escape hides the details wherever the focus is (they may be shown by hover alone), until the pointer or the
  // focus comes to the pill again: they cover the page below the header and would otherwise stay while hovered.
  const [dismissed, setDismissed] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const pillRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !box.current?.matches(':hover, :focus-within, .status--pinned')) return;
      // Escape in the open panel closes it: the focus goes back to the pill rather than to <body>.
      if (box.current.contains(document.activeElement)) pillRef.current?.focus();
      setPinned(false);
      setDismissed(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const arrive = (e: FocusEvent) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDismissed(false);
  };
  // Tab past the open panel closes it: it lies over the page, where it would hide the control the focus moves to.
  const leave = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to && !e.currentTarget.contains(to)) setPinned(false);
    arrive(e);
  };
  const [retrying, setRetrying] = useState(false);
  const detailsId = useId();
  const headingId = useId();
  const now = useNow(1000);
  // Without a connection the last status heard is stale: the pill says so instead of showing it.
  const lost = connection === 'connected' ? null : LOST_CONNECTION_WORDS[connection];
  const state = status?.state ?? null;
  const tone = lost ? 'bad' : toneOf(state);
  const restartingNow = recovering && (state === 'starting' || state === 'loading' || state === 'warming');
  const words = lost
    ? t(lost.pill)
    : restartingNow
      ? `${t('state.restarting')} · ${t(stateKey(state))}`
      : t(stateKey(state));
  // The live region speaks of the state without each request's ready ⇄ busy (a 20-page PDF said it many times).
  const spoken = useSpokenState(state);
  const spokenWords = !lost && !restartingNow && spoken !== state ? t(stateKey(spoken)) : words;
  const shown = lost ? null : status;
  const provider = shown?.modelLoaded ? providerLabel(shown.provider) : null;
  const retryFailure = useActionError();
  const retry = () => {
    setRetrying(true);
    lantern
      .retry()
      .then(retryFailure.clear, retryFailure.fail)
      .finally(() => setRetrying(false));
  };
  return (
    <div
      ref={box}
      className={`status${pinned ? ' status--pinned' : ''}${dismissed ? ' status--dismissed' : ''}`}
      onMouseEnter={() => setDismissed(false)}
      onMouseLeave={() => setDismissed(false)}
      onFocus={arrive}
      onBlur={leave}
    >
      <button
        ref={pillRef}
        type="button"
        className={`pill pill--${tone}`}
        data-testid="status-pill"
        data-state={lost ? connection : (state ?? 'connecting')}
        data-recovering={recovering ? 'true' : 'false'}
        aria-controls={detailsId}
        aria-expanded={pinned}
        onClick={() => {
          setDismissed(false);
          setPinned((p) => !p);
        }}
      >
        <span className="pill__dot" aria-hidden="true" />
        <span className="visually-hidden">{t('status.label')}: </span>
        <span className="pill__words">{words}</span>
        {provider && <span className="pill__provider">{t('status.pill.provider', { provider })}</span>}
        {shown?.modelLoaded && shown.readyMs !== null && (
          <span className="pill__load" data-testid="pill-load">
            {t('status.pill.load', { time: formatMs(lang, shown.readyMs) })}
          </span>
        )}
      </button>
      {shown?.state === 'error' && (
        <button type="button" className="button button--small" onClick={retry} disabled={retrying}>
          {t('status.retry')}
        </button>
      )}
      <ActionError error={retryFailure.error} testId="status-retry-error" />
      <span className="visually-hidden" role="status" aria-live="polite" data-testid="status-announcer">
        {spokenWords}
      </span>
      {/* Open, a region that is one Tab stop (the arrow keys scroll it); shown by hover or focus alone, a glance that
          a screen reader skips, since the pill says it is collapsed. */}
      <div
        role="region"
        id={detailsId}
        aria-labelledby={headingId}
        aria-hidden={!pinned}
        tabIndex={pinned ? 0 : -1}
        className="status__details"
        data-testid="status-details"
      >
        <h2 className="status__heading" id={headingId}>
          {t('status.details')}
        </h2>
        {lost ? (
          <p data-testid="status-connection">{t(lost.why)}</p>
        ) : status ? (
          <dl className="kv">
            <dt>{t('status.message')}</dt>
            <dd data-testid="status-detail">{detailText(t, lang, status.detail, now)}</dd>
            <Figure label="status.provider" why="status.provider.why">
              {providerText(t, status) ?? '—'}
            </Figure>
            <Figure label="status.loadTime" why="status.loadTime.why">
              {formatMs(lang, status.readyMs)}
              {status.loadMs &&
                ` (${t('status.loadModels', {
                  det: formatMs(lang, status.loadMs.det),
                  cls: formatMs(lang, status.loadMs.cls),
                  rec: formatMs(lang, status.loadMs.rec),
                })})`}
            </Figure>
            <Figure label="status.warmup" why="status.warmup.why">
              {formatMs(lang, status.warmupMs)}
            </Figure>
            <Figure label="status.uptime" why="status.uptime.why" testId="status-uptime">
              {status.pid === null ? '—' : formatDuration(lang, now - status.startedAt)}
            </Figure>
            <Figure label="status.heartbeat" why="status.heartbeat.why">
              {status.lastHeartbeatAt === null
                ? t('status.never')
                : t('status.ago', { s: Math.max(0, Math.round((now - status.lastHeartbeatAt) / 1000)) })}
            </Figure>
            <Figure label="status.restarts" why="status.restarts.why" testId="status-restarts">
              {status.restarts}
            </Figure>
            <Figure label="status.queue" why="status.queue.why">
              {queueOf(status)}
            </Figure>
            <Figure label="status.pid" why="status.pid.why" testId="status-pid">
              {status.pid ?? '—'}
            </Figure>
            {status.error && (
              <>
                <dt>{t('status.lastError')}</dt>
                <dd data-testid="status-fault">
                  {status.fault
                    ? faultText(t, status.fault)
                    : `${status.error.code}: ${status.error.message}`}
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
