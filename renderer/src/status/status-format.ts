/** Pure helpers of the status pill: tone per state, the words shown, durations. */
import type { ConnectionState } from '../../../app/contracts/lantern-api';
import type { EngineState, EngineStatus } from '../../../app/contracts/status';
import { PROVIDER_LABEL, type ProviderName } from '../../../app/contracts/providers';
import type { UiLanguage } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** Colour family of a state. */
export type Tone = 'ok' | 'progress' | 'idle' | 'bad';

/** The tone of a state (null = not connected yet). */
export function toneOf(state: EngineState | null): Tone {
  switch (state) {
    case 'ready':
    case 'busy':
      return 'ok';
    case 'unloaded':
      return 'idle';
    case 'crashed':
    case 'hung':
    case 'error':
      return 'bad';
    default:
      return 'progress';
  }
}

/** A connection that is lost: the pill shows it instead of the engine's last state, which is no longer known. */
export type LostConnection = Exclude<ConnectionState, 'connected'>;

/** The pill's words and the details' explanation of a lost connection. */
export const LOST_CONNECTION_WORDS: Readonly<
  Record<LostConnection, { readonly pill: MessageKey; readonly why: MessageKey }>
> = {
  reconnecting: { pill: 'connection.reconnecting', why: 'connection.reconnecting.why' },
  expired: { pill: 'connection.expired', why: 'connection.expired.why' },
};

/** The dictionary key of a state's words. */
export function stateKey(state: EngineState | null): MessageKey {
  return state ? `state.${state}` : 'state.connecting';
}

/** The short provider name (CPU, CUDA, …) or the raw value. */
export function providerLabel(provider: string | null): string | null {
  if (!provider) return null;
  return PROVIDER_LABEL[provider as ProviderName] ?? provider;
}

/**
 * The provider running and, in the UI's language, why each one tried before it could not be used ("CPU — CUDA 不可用：
 * …"); onnxruntime's own reason stays as it gave it. A status without the failures keeps the engine's English summary.
 */
export function providerText(
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
  s: Pick<EngineStatus, 'provider' | 'providerSummary' | 'providerFailures'>,
): string | null {
  const running = providerLabel(s.provider);
  if (!running || !s.providerFailures?.length) return s.providerSummary ?? running;
  const why = s.providerFailures.map((f) =>
    t('status.providerUnavailable', { provider: providerLabel(f.provider) ?? f.provider, reason: f.reason }),
  );
  return `${running} — ${why.join('; ')}`;
}

/** "2 hr 3 min", "4 min 5 sec" or "12 sec" ("2小时3分钟", "4分钟5秒", "12秒"): units in the UI language. */
export function formatDuration(lang: UiLanguage, ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const unit = (unit: 'hour' | 'minute' | 'second', v: number) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short' }).format(v);
  const parts =
    h > 0
      ? [unit('hour', h), unit('minute', m)]
      : m > 0
        ? [unit('minute', m), unit('second', sec)]
        : [unit('second', sec)];
  return new Intl.ListFormat(lang, { type: 'unit', style: 'narrow' }).format(parts);
}

/** Requests waiting plus running. */
export const queueOf = (s: EngineStatus): number => s.queue + s.inFlight;
