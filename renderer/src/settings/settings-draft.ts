/** The Settings form's fields as typed, checked against the ranges the settings schema accepts before anything is sent. */
import {
  SETTINGS_LIMITS,
  TOKEN_PATTERN,
  type Settings,
  type SettingsPatch,
} from '../../../app/contracts/settings';
import { IDLE_MINUTES_MAX } from '../../../app/contracts/status';

/** The form's fields as the user typed them. */
export interface Draft {
  readonly provider: Settings['provider'];
  readonly threads: string;
  readonly idleKind: 'always-warm' | 'unload-after';
  readonly idleMinutes: string;
  readonly httpEnabled: boolean;
  readonly httpPort: string;
  readonly httpToken: string;
}

/** The fields a value can be wrong in, in the form's order (the first wrong one gets the focus). */
export const CHECKED_FIELDS = ['threads', 'idleMinutes', 'httpPort', 'httpToken'] as const;

/** A field whose value is checked. */
export type CheckedField = (typeof CHECKED_FIELDS)[number];

/** The fields whose values are out of range. */
export type FieldErrors = Partial<Record<CheckedField, true>>;

/** The draft of stored settings. */
export function draftOf(s: Settings): Draft {
  return {
    provider: s.provider,
    threads: String(s.threads),
    idleKind: s.idlePolicy.kind,
    idleMinutes: String(s.idlePolicy.kind === 'unload-after' ? s.idlePolicy.minutes : 10),
    httpEnabled: s.http.enabled,
    httpPort: String(s.http.port),
    httpToken: s.http.token ?? '',
  };
}

/** The user's draft over newer stored settings: a field edited since `stored` keeps the edit, the others show `next`. */
export function rebased(draft: Draft, stored: Draft, next: Draft): Draft {
  const keys = Object.keys(next) as (keyof Draft)[];
  return Object.fromEntries(
    keys.map((k) => [k, draft[k] === stored[k] ? next[k] : draft[k]]),
  ) as unknown as Draft;
}

/** A whole number in decimal digits within a range, or undefined (Number() would take '', '1e1' and '0x10'). */
function wholeIn(text: string, range: { readonly min: number; readonly max: number }): number | undefined {
  const n = /^\d+$/.test(text.trim()) ? Number(text) : NaN;
  return n >= range.min && n <= range.max ? n : undefined;
}

/** Validates a draft into a patch, or the field errors; `withHttp` false leaves the HTTP API settings alone. */
export function patchOf(d: Draft, withHttp: boolean): { patch: SettingsPatch } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const threads = wholeIn(d.threads, SETTINGS_LIMITS.threads);
  if (threads === undefined) errors.threads = true;
  const minutes = Number(d.idleMinutes);
  if (d.idleKind === 'unload-after' && !(minutes > 0 && minutes <= IDLE_MINUTES_MAX))
    errors.idleMinutes = true;
  const port = wholeIn(d.httpPort, SETTINGS_LIMITS.port);
  const token = d.httpToken.trim();
  const { min, max } = SETTINGS_LIMITS.token;
  if (withHttp) {
    if (port === undefined) errors.httpPort = true;
    if (token !== '' && (token.length < min || token.length > max || !TOKEN_PATTERN.test(token)))
      errors.httpToken = true;
  }
  if (threads === undefined || Object.keys(errors).length > 0) return { errors };
  const patch: SettingsPatch = {
    provider: d.provider,
    threads,
    idlePolicy: d.idleKind === 'always-warm' ? { kind: 'always-warm' } : { kind: 'unload-after', minutes },
  };
  if (!withHttp || port === undefined) return { patch };
  return { patch: { ...patch, http: { enabled: d.httpEnabled, port, token: token === '' ? null : token } } };
}
