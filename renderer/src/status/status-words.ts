/** The engine status's code and last fault in the UI language: the window never shows the engine's English prose. */
import { assertNever } from '../../../app/contracts/assert-never';
import type { Fault, StatusCode, StatusDetail } from '../../../app/contracts/status';
import { formatMs } from '../i18n/format';
import type { Translate, UiLanguage } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** The dictionary key of each status code (a missing code is a compile error). */
export const STATUS_CODE_KEY: Readonly<Record<StatusCode, MessageKey>> = {
  STARTING: 'status.code.STARTING',
  LOADING: 'status.code.LOADING',
  WARMING: 'status.code.WARMING',
  READY: 'status.code.READY',
  BUSY: 'status.code.BUSY',
  UNLOADED: 'status.code.UNLOADED',
  STOPPED: 'status.code.STOPPED',
  CRASHED: 'status.code.CRASHED',
  HUNG: 'status.code.HUNG',
  RESTARTING: 'status.code.RESTARTING',
  ERROR: 'status.code.ERROR',
};

/**
 * The time left at `now` before the engine's next try, from the status's own `retryAt` (never more than the whole
 * wait, whatever the two clocks say), in whole seconds as Retry-After counts, so that it ticks down once a second.
 */
function waitLeft(d: { readonly retryAt: number; readonly retryInMs: number }, now: number): number {
  const left = Math.min(d.retryInMs, Math.max(0, d.retryAt - now));
  return left >= 1000 ? Math.ceil(left / 1000) * 1000 : left;
}

/** The sentence for a status detail at `now`, its figures written for the language. */
export function detailText(t: Translate, lang: UiLanguage, d: StatusDetail, now: number): string {
  const key = STATUS_CODE_KEY[d.code];
  switch (d.code) {
    case 'BUSY':
      return t(key, { n: d.pending });
    case 'RESTARTING':
      return t(key, { attempt: d.attempt, time: formatMs(lang, waitLeft(d, now)) });
    case 'ERROR':
      return t(key, {
        failures: d.failures,
        window: formatMs(lang, d.windowMs),
        time: formatMs(lang, waitLeft(d, now)),
      });
    default:
      return t(key);
  }
}

/** The sentence for the last fault; what the worker itself reported is quoted with its code. */
export function faultText(t: Translate, f: Fault): string {
  switch (f.kind) {
    case 'reported':
      return t('status.fault.reported', { detail: `${f.error.code}: ${f.error.message}` });
    case 'hang':
      return t('status.fault.hang');
    case 'exit': {
      const how =
        f.signal !== null
          ? t('status.fault.signal', { signal: f.signal })
          : t('status.fault.code', { code: String(f.exitCode) });
      return f.cause
        ? t('status.fault.exitCause', { how, detail: `${f.cause.code}: ${f.cause.message}` })
        : t('status.fault.exit', { how });
    }
    default:
      return assertNever(f);
  }
}
