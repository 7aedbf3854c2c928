/**
 * The engine host's lifecycle as a pure table: for each phase, the events it handles, the phases each can lead to,
 * and the effects the host must carry out. Events a phase does not list are refused (no change, no effect). The
 * host (host.ts) only feeds events in and performs effects; docs/engine.md shows the same table as a diagram.
 */
import { crashDecision, healDelay, type CrashPolicy } from './crash-policy';
import type { Phase } from './phase';
import type { Effect, EventOf, EventType, Lifecycle, Transition } from './lifecycle-types';

export type { Effect, EventOf, EventType, Lifecycle, LifecycleEvent, Transition } from './lifecycle-types';
export { EVENT_TYPES } from './lifecycle-types';

/** One arrow group of the diagram: the phases an event can lead to, and how. */
export interface Rule<E extends EventType = EventType> {
  readonly to: readonly Phase[];
  readonly run: (s: Lifecycle, e: EventOf<E>, p: CrashPolicy) => Transition;
}

type Row = { readonly [E in EventType]?: Rule<E> };

/** A rule that always goes to `phase` with fixed effects (and optional state changes). */
const go = <E extends EventType>(
  phase: Phase,
  effects: readonly Effect[] = [],
  patch: Partial<Lifecycle> = {},
): Rule<E> => ({
  to: [phase],
  run: (s) => ({ next: { ...s, ...patch, phase }, effects }),
});

/** A rule that stays in the phase it is written for. */
const stay = <E extends EventType>(phase: Phase, effects: readonly Effect[] = []): Rule<E> =>
  go(phase, effects);

const launch: readonly Effect[] = [{ kind: 'launch' }];
const stopNow: readonly Effect[] = [{ kind: 'failAll' }, { kind: 'cancelTimers' }];

const onReady = (phase: 'ready' | 'draining'): Rule<'ready'> => ({
  to: [phase],
  run: (s, e) => ({
    next: { ...s, phase, heals: 0 },
    effects:
      phase === 'ready'
        ? [{ kind: 'markReady', ready: e.ready }, { kind: 'armIdle' }, { kind: 'dispatch' }]
        : [{ kind: 'markReady', ready: e.ready }, { kind: 'dispatch' }],
  }),
});

const reported = (phase: Phase): Rule<'failed'> => ({
  to: [phase],
  run: (s, e) => ({ next: { ...s, fault: { kind: 'reported', error: e.error } }, effects: [] }),
});

const recycle = (phase: Phase): Rule<'recycle'> => ({
  to: [phase],
  run: (s, e) => ({
    next: { ...s, fault: { kind: 'reported', error: { code: 'ENGINE_CRASHED', message: e.reason } } },
    effects: [{ kind: 'kill' }],
  }),
});

/** A worker that was serving or starting died: record why, then decide. */
const crashed: Rule<'exit'> = {
  to: ['crashed'],
  run: (s, e) => {
    const cause = s.fault?.kind === 'reported' ? s.fault.error : null;
    return {
      next: {
        ...s,
        phase: 'crashed',
        fault: { kind: 'exit', exitCode: e.exitCode, signal: e.signal, cause },
        faults: s.faults + 1,
      },
      effects: [{ kind: 'retryInFlight' }, { kind: 'raise', event: { type: 'decide', at: e.at } }],
    };
  },
};

/** The hung worker we killed is gone. */
const hungExit: Rule<'exit'> = {
  to: ['hung'],
  run: (s, e) => ({
    next: { ...s, fault: { kind: 'hang' } },
    effects: [{ kind: 'retryInFlight' }, { kind: 'raise', event: { type: 'decide', at: e.at } }],
  }),
};

/** Restart after a backoff, or, after too many crashes in the window, wait in `error` and heal later. */
const decide: Rule<'decide'> = {
  to: ['restarting', 'error'],
  run: (s, e, p) => {
    const d = crashDecision(s.crashes, e.at, p);
    if (d.giveUp) {
      const wait = healDelay(s.heals + 1, p);
      return {
        next: {
          ...s,
          phase: 'error',
          crashes: d.crashes,
          heals: s.heals + 1,
          retryInMs: wait,
          retryAt: e.at + wait,
        },
        effects: [{ kind: 'failQueued' }, { kind: 'scheduleHeal', ms: wait }],
      };
    }
    return {
      next: {
        ...s,
        phase: 'restarting',
        crashes: d.crashes,
        restarts: s.restarts + 1,
        retryInMs: d.backoffMs,
        retryAt: e.at + d.backoffMs,
      },
      effects: [{ kind: 'scheduleRestart', ms: d.backoffMs }],
    };
  },
};

/** The worker stopped answering heartbeats: kill it (its exit then decides). */
const silent: Rule<'silent'> = {
  to: ['hung'],
  run: (s) => ({ next: { ...s, phase: 'hung', faults: s.faults + 1 }, effects: [{ kind: 'kill' }] }),
};

/** A new worker after a fault (self-heal or a retry by hand): a restart like one after a backoff. */
const relaunch = <E extends 'healDue' | 'retry'>(patch: Partial<Lifecycle>): Rule<E> => ({
  to: ['starting'],
  run: (s) => ({
    next: { ...s, ...patch, phase: 'starting', crashes: [], fault: null, restarts: s.restarts + 1 },
    effects: launch,
  }),
});

const unloadedExit: Rule<'exit'> = {
  to: ['unloaded', 'starting'],
  run: (s, e) =>
    e.pending > 0
      ? { next: { ...s, phase: 'starting' }, effects: launch }
      : { next: { ...s, phase: 'unloaded' }, effects: [] },
};

const idle: Rule<'idle'> = {
  to: ['unloading', 'ready'],
  run: (s, e) =>
    e.pending === 0
      ? { next: { ...s, phase: 'unloading' }, effects: [{ kind: 'shutdown' }] }
      : { next: s, effects: [{ kind: 'armIdle' }] },
};

/** A phase with a worker on its way up: the same arrows from starting, loading and warming. */
const coming = (phase: 'starting' | 'loading' | 'warming'): Row => ({
  loading: go('loading'),
  warming: go('warming'),
  ready: onReady('ready'),
  failed: reported(phase),
  exit: crashed,
  silent,
  idle: stay(phase, [{ kind: 'armIdle' }]),
  reload: go('reloading', [{ kind: 'kill' }]),
  recycle: recycle(phase),
  stop: go('draining'),
});

/** A phase that only waits (no worker): idle time re-arms the timer, stop ends at once. */
const waiting = (phase: 'crashed' | 'restarting' | 'error'): Row => ({
  idle: stay(phase, [{ kind: 'armIdle' }]),
  stop: go('stopped', stopNow),
});

/** The table. */
export const LIFECYCLE: { readonly [P in Phase]: Row } = {
  stopped: { start: go('starting', [{ kind: 'startHeartbeat' }, ...launch]) },
  starting: coming('starting'),
  loading: coming('loading'),
  warming: coming('warming'),
  ready: {
    ready: onReady('ready'),
    failed: reported('ready'),
    exit: crashed,
    silent,
    idle,
    reload: go('reloading', [{ kind: 'kill' }]),
    recycle: recycle('ready'),
    stop: go('draining'),
  },
  reloading: {
    exit: go('starting', [{ kind: 'requeueInFlight' }, ...launch], { fault: null }),
    idle: stay('reloading', [{ kind: 'armIdle' }]),
    stop: go('stopping', stopNow),
  },
  unloading: { exit: unloadedExit, stop: go('stopping', stopNow) },
  unloaded: { start: go('starting', launch), wake: go('starting', launch), stop: go('stopped', stopNow) },
  crashed: { ...waiting('crashed'), decide },
  hung: {
    exit: hungExit,
    decide,
    idle: stay('hung', [{ kind: 'armIdle' }]),
    stop: go('stopping', stopNow),
  },
  restarting: { ...waiting('restarting'), restartDue: go('starting', launch) },
  error: {
    ...waiting('error'),
    healDue: relaunch({}),
    retry: relaunch({ heals: 0 }),
  },
  draining: {
    ready: onReady('draining'),
    failed: reported('draining'),
    exit: go('stopped', stopNow),
    recycle: recycle('draining'),
    drained: go('stopping', [...stopNow, { kind: 'shutdown' }]),
  },
  stopping: { exit: go('stopped', [{ kind: 'cancelTimers' }]) },
};

/** The rule for an event in a phase, or undefined when the phase refuses it. */
export function ruleFor<E extends EventType>(phase: Phase, type: E): Rule<E> | undefined {
  const row: Row = LIFECYCLE[phase];
  return row[type];
}

/** Applies one event: the transition, or null when the current phase refuses it. */
export function transition<E extends EventType>(
  s: Lifecycle,
  e: EventOf<E> & { readonly type: E },
  p: CrashPolicy,
): Transition | null {
  const rule = ruleFor(s.phase, e.type);
  return rule ? rule.run(s, e, p) : null;
}

/** The state of a host that has not started. */
export const INITIAL: Lifecycle = {
  phase: 'stopped',
  crashes: [],
  heals: 0,
  restarts: 0,
  faults: 0,
  fault: null,
  retryInMs: null,
  retryAt: null,
};
