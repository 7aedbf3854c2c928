/** The status as data (the detail code of a lifecycle) and the one place its English words are written. */
import { assertNever } from '../contracts/assert-never';
import type { EngineStatus, Fault, StatusDetail } from '../contracts/status';
import type { Lifecycle } from './lifecycle-types';
import type { ProbeReason } from './probe';

/** The detail code and parameters of a lifecycle; `pending` is queued plus running, `warm` whether it said ready. */
export function detailOf(s: Lifecycle, pending: number, warm: boolean, windowMs: number): StatusDetail {
  const serving = (): StatusDetail => (pending > 0 ? { code: 'BUSY', pending } : { code: 'READY' });
  switch (s.phase) {
    case 'ready':
      return serving();
    case 'draining':
      return warm ? serving() : { code: 'STARTING' };
    case 'starting':
    case 'reloading':
      return { code: 'STARTING' };
    case 'loading':
      return { code: 'LOADING' };
    case 'warming':
      return { code: 'WARMING' };
    case 'unloading':
    case 'unloaded':
      return { code: 'UNLOADED' };
    case 'stopping':
    case 'stopped':
      return { code: 'STOPPED' };
    case 'crashed':
      return { code: 'CRASHED' };
    case 'hung':
      return { code: 'HUNG' };
    case 'restarting':
      return {
        code: 'RESTARTING',
        attempt: s.restarts,
        retryInMs: s.retryInMs ?? 0,
        retryAt: s.retryAt ?? 0,
      };
    case 'error':
      return {
        code: 'ERROR',
        failures: s.crashes.length,
        windowMs,
        retryInMs: s.retryInMs ?? 0,
        retryAt: s.retryAt ?? 0,
      };
    default:
      return assertNever(s.phase);
  }
}

/** What happened to the worker, after "the engine": "exited (code 134): …", "stopped answering heartbeats". */
export function faultWhy(f: Fault): string {
  switch (f.kind) {
    case 'reported':
      return `failed: ${f.error.message}`;
    case 'exit': {
      const how = `exited (${f.signal ?? `code ${f.exitCode}`})`;
      return f.cause ? `${how}: ${f.cause.message}` : how;
    }
    case 'hang':
      return 'stopped answering heartbeats';
    default:
      return assertNever(f);
  }
}

/** The last fault as a code and an English sentence, without the crash-loop figures (which go stale as time passes). */
export function faultError(f: Fault): StatusError {
  if (f.kind === 'reported') return f.error;
  if (f.kind === 'hang') return { code: 'TIMEOUT', message: `the engine ${faultWhy(f)}` };
  return { code: f.cause?.code ?? 'ENGINE_CRASHED', message: `the engine ${faultWhy(f)}` };
}

/**
 * The status's `error`: the last fault as a code and an English sentence (with the crash-loop figures in `error`,
 * the seconds left before the next try counted at `now`).
 */
export function errorOf(f: Fault | null, d: StatusDetail, now: number): StatusError | null {
  if (!f) return null;
  const base = faultError(f);
  if (d.code !== 'ERROR') return base;
  const figures = `${d.failures} failures in ${seconds(d.windowMs)} s, trying again in ${secondsLeft(d.retryAt, now)} s`;
  return { code: base.code, message: `${base.message}; ${figures}` };
}

/** The status's one-line English `message` (tray, logs, CLI, HTTP); the UI words `detail` itself. */
export function statusMessage(d: StatusDetail, error: StatusError | null): string {
  switch (d.code) {
    case 'STARTING':
      return 'Starting the engine';
    case 'LOADING':
      return 'Loading the models';
    case 'WARMING':
      return 'Warming up';
    case 'READY':
      return 'Model ready';
    case 'BUSY':
      return 'Recognising';
    case 'UNLOADED':
      return 'Unloaded (idle)';
    case 'STOPPED':
      return 'Stopped';
    case 'CRASHED':
      return `The engine crashed${error ? `: ${error.message}` : ''}`;
    case 'HUNG':
      return 'The engine stopped responding';
    case 'RESTARTING':
      return `Restarting (restart ${d.attempt})`;
    case 'ERROR':
      return `Engine error: ${error?.message ?? 'unknown'}`;
    default:
      return assertNever(d);
  }
}

/**
 * The status worded for `now`: a published status says how long the engine waits as of the moment it was published,
 * so whoever shows it later (an HTTP answer, a refused request) words it again instead of repeating a stale figure.
 */
export function statusAt(s: EngineStatus, now: number): EngineStatus {
  if (s.detail.code !== 'ERROR') return s;
  const error = errorOf(s.fault, s.detail, now);
  return { ...s, error, message: statusMessage(s.detail, error) };
}

/** Why a probe fails, in English (the `reason` of a 503 /health or /ready body). */
export function probeReasonText(r: ProbeReason): string {
  switch (r.code) {
    case 'ENGINE_NOT_READY':
      return `the engine is not ready (${r.state})`;
    case 'ENGINE_SILENT':
      return `the engine has not answered for ${Math.round(r.silentMs / 1000)} s`;
    case 'QUEUE_FULL':
      return 'the queue is full';
    case 'STOPPING':
      return 'stopping';
    case 'SELF_HEAL_FAILED':
      return `self-heal failed ${r.heals} times`;
    case 'SLOTS_TAKEN':
      return `all ${r.max} OCR slots are taken`;
    default:
      return assertNever(r);
  }
}

/** The status's `error`: a code and an English sentence. */
type StatusError = NonNullable<EngineStatus['error']>;

const seconds = (ms: number): number => Math.round(ms / 1000);

/** Whole seconds until `at`, rounded up as Retry-After is (never below 0). */
export const secondsLeft = (at: number, now: number): number => Math.max(0, Math.ceil((at - now) / 1000));
