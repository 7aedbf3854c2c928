/**
 * EngineHost: the imperative shell around the lifecycle table (lifecycle.ts). It starts workers through a launcher,
 * turns worker messages, timers and calls into lifecycle events, carries out the effects, and publishes the status.
 * Every accepted request gets exactly one answer (dispatch.ts), whatever happens to the worker.
 */
import {
  isResponse,
  type EngineResults,
  type RecognizeInput,
  type RecognizeOptions,
  type WorkerMessage,
} from '../contracts/engine-protocol';
import { setTimeout as sleep } from 'node:timers/promises';
import { assertNever } from '../contracts/assert-never';
import { LanternError, toWireError } from '../contracts/errors';
import type { EngineStatus, IdlePolicy } from '../contracts/status';
import type { OcrResult } from '../ocr/types';
import type { ProviderChoice } from '../ocr/providers';
import type { CrashPolicy } from './crash-policy';
import { Dispatcher } from './dispatch';
import { Heartbeat } from './heartbeat';
import {
  crashPolicyOf,
  hostSettings,
  needsReload,
  type EngineHostOptions,
  type HostSettings,
} from './host-options';
import { INITIAL, transition } from './lifecycle';
import { statusEvent, type Lifecycle, type LifecycleEvent } from './lifecycle-types';
import { performEffect, type EffectHandlers } from './effect-handlers';
import type { OcrService, SubmitOptions } from './ocr-service';
import { dispatches } from './phase';
import { admission, probeOf, type EngineProbe } from './probe';
import { EngineRpc } from './rpc';
import { snapshotOf } from './status-snapshot';
import { Timers } from './timers';
import { WorkerSlot } from './worker-slot';
import { faultWhy, statusAt } from './status-text';
import { livenessLine } from './liveness-log';
import { StatusFeed } from './status-feed';
import { WorkerRun } from './worker-run';

export type { EngineHostOptions } from './host-options';

/** The supervised resident engine. */
export class EngineHost implements OcrService {
  private readonly o: HostSettings;
  private readonly policy: CrashPolicy;
  private readonly jobs = new Dispatcher(() => this.publish());
  private readonly slot: WorkerSlot;
  private readonly rpc = new EngineRpc((req) => this.slot.send(req));
  private readonly timers = new Timers<'restart' | 'heal' | 'idle'>();
  private readonly beat: Heartbeat;
  private readonly stopWaiters: (() => void)[] = [];
  private life: Lifecycle = INITIAL;
  private readonly run = new WorkerRun();
  private readonly feed: StatusFeed;
  /** How each effect of the lifecycle table is carried out. */
  private readonly effects: EffectHandlers = {
    startHeartbeat: () => this.beat.start(),
    launch: () => this.launch(),
    kill: () => this.slot.kill(),
    shutdown: () => void this.slot.shutdown(() => this.rpc.notify({ type: 'shutdown' })),
    markReady: (fx) => this.run.markReady(fx.ready),
    armIdle: () => this.armIdleTimer(),
    dispatch: () => this.dispatch(),
    retryInFlight: () => this.jobs.retryRunning(this.life.fault ? faultWhy(this.life.fault) : 'stopped'),
    requeueInFlight: () => this.jobs.requeueRunning(),
    failQueued: () => this.jobs.failQueued(this.buildStatus().error),
    failAll: () => this.jobs.failAll(),
    scheduleRestart: (fx) =>
      this.timers.set('restart', fx.ms, () => this.apply({ type: 'restartDue' }), true),
    scheduleHeal: (fx) => this.timers.set('heal', fx.ms, () => this.apply({ type: 'healDue' })),
    cancelTimers: () => (this.timers.clearAll(), this.beat.stop()),
  };

  constructor(options: EngineHostOptions) {
    this.o = hostSettings(options);
    this.policy = crashPolicyOf(options);
    this.beat = new Heartbeat(this.o, {
      phase: () => (this.slot.running ? this.life.phase : null),
      silent: () => this.apply({ type: 'silent' }),
      ping: (ms) => this.rpc.ping(ms),
      answered: () => this.publish(),
    });
    this.slot = new WorkerSlot(this.o.launcher, {
      message: (m) => this.onMessage(m),
      exit: (info) => this.onExit(info),
    });
    this.feed = new StatusFeed(this.buildStatus());
  }

  /** Starts the worker (load and warm-up happen in it) and the heartbeat. */
  start(): void {
    this.apply({ type: 'start' });
  }

  get status(): EngineStatus {
    return this.feed.current;
  }

  /** Readiness and liveness for /ready and /health (probe.ts). */
  probe(): EngineProbe {
    const silentMs = this.beat.silentMs(Date.now(), this.run.readyAt ?? 0);
    return probeOf({ ...this.o, ...this.policy, ...this.life, silentMs, queued: this.jobs.queued });
  }

  onStatus(cb: (s: EngineStatus) => void): () => void {
    return this.feed.onStatus(cb);
  }

  recognize(
    input: RecognizeInput,
    options?: RecognizeOptions,
    submit: SubmitOptions = {},
  ): Promise<OcrResult> {
    const { phase } = this.life;
    const why = statusAt(this.status, Date.now()).error;
    const refused = admission(phase, this.jobs.queued, this.o.maxQueue, submit.signal, why);
    if (refused) return Promise.reject(refused);
    const answer = this.jobs.submit(input, options, submit);
    this.apply({ type: 'wake' });
    this.dispatch();
    this.publish();
    return answer;
  }

  cancel(requestId: string): boolean {
    const c = this.jobs.cancel(requestId);
    if (!c.found) return false;
    if (c.runningId) {
      this.rpc.notify({ type: 'cancel', target: c.runningId });
      this.dispatch();
    }
    this.publish();
    return true;
  }

  prewarm(): void {
    this.armIdleTimer();
    this.apply({ type: 'wake' });
  }

  /** Leaves the `error` state and starts again with a fresh crash budget. */
  retry(): void {
    this.apply({ type: 'retry' });
  }

  /** Runs the known self-test inference; a wrong answer or no answer restarts the worker. */
  async selfTest(timeoutMs = 30000): Promise<EngineResults['selfTest']> {
    try {
      const r = await this.rpc.selfTest(timeoutMs);
      if (!r.ok) this.recycle(`self-test read "${r.text}"`);
      return r;
    } catch (err) {
      this.recycle(`self-test failed: ${toWireError(err).message}`);
      return { ok: false, text: '', ms: 0 };
    }
  }

  /**
   * Applies new provider/threads/idle settings. A new provider or thread count reloads the worker: that is neither
   * a crash nor a restart (no crash budget, no restart count, no attempt used); requests in flight go back to the
   * front of the queue and are answered by the new worker. Always-warm wakes an engine that an idle unload left
   * unloaded, so the status and the setting agree.
   */
  reconfigure(next: { provider?: ProviderChoice; threads?: number; idlePolicy?: IdlePolicy }): void {
    const reload = needsReload(this.o, next);
    Object.assign(this.o, next);
    this.armIdleTimer();
    if (reload && this.apply({ type: 'reload' }))
      this.o.log?.('info', 'settings changed: reloading the engine');
    else if (this.o.idlePolicy.kind !== 'always-warm' || !this.apply({ type: 'wake' })) this.publish();
  }

  /** Stops accepting, lets queued and running work finish within `graceMs`, fails the rest, stops the worker. */
  async stop(graceMs = 5000): Promise<void> {
    if (!this.apply({ type: 'stop' }) || this.life.phase === 'stopped') return;
    const deadline = Date.now() + graceMs;
    while (this.life.phase === 'draining' && this.jobs.pending > 0 && Date.now() < deadline) await sleep(25);
    this.apply({ type: 'drained' });
    await this.untilStopped();
  }

  /** Kills the worker at once: a process that exits on a deadline must not leave it behind (a stopped one stays). */
  killWorker(): void {
    this.slot.kill();
  }

  private untilStopped(): Promise<void> {
    return this.life.phase === 'stopped' ? Promise.resolve() : new Promise((r) => this.stopWaiters.push(r));
  }

  /** Feeds one event to the table; false when the current phase refuses it. */
  private apply(e: LifecycleEvent): boolean {
    const t = transition(this.life, e, this.policy);
    if (!t) return false;
    const wasLive = this.life.heals < this.policy.maxHeals;
    this.life = t.next;
    if (wasLive !== this.life.heals < this.policy.maxHeals) {
      const cause = () => this.buildStatus().error?.message ?? 'unknown';
      const line = livenessLine(wasLive, this.life.phase, this.life.heals, cause);
      this.o.log?.(line.level, line.message);
    }
    const raised: LifecycleEvent[] = [];
    for (const fx of t.effects) {
      if (fx.kind === 'raise') raised.push(fx.event);
      else performEffect(this.effects, fx);
    }
    this.publish();
    if (this.life.phase === 'stopped') for (const w of this.stopWaiters.splice(0)) w();
    for (const r of raised) this.apply(r);
    return true;
  }

  private launch(): void {
    this.timers.clear('restart', 'heal');
    this.run.launched();
    this.beat.heard();
    this.beat.lastRss = null;
    const { provider, threads, lanes, laneIdleMs, modelsDir, packId } = this.o;
    this.slot.launch({ provider, threads, lanes, laneIdleMs, modelsDir, ...(packId ? { packId } : {}) });
  }

  private onMessage(m: WorkerMessage): void {
    this.beat.heard();
    if (isResponse(m)) {
      if (!this.jobs.answer(m)) return void this.rpc.answer(m);
      this.armIdleTimer();
      this.dispatch();
      this.publish();
      return;
    }
    switch (m.type) {
      case 'status':
        return void this.apply(statusEvent(m));
      case 'log':
        return this.o.log?.(m.level, m.message);
      case 'lanes':
        this.run.lanesRunning = m.running;
        return this.publish();
      case 'progress':
        return;
      default:
        return assertNever(m);
    }
  }

  private onExit(info: { readonly code: number | null; readonly signal: string | null }): void {
    this.rpc.failAll(new LanternError('ENGINE_CRASHED', 'the engine stopped'));
    this.apply({
      type: 'exit',
      exitCode: info.code,
      signal: info.signal,
      at: Date.now(),
      pending: this.jobs.pending,
    });
  }

  private dispatch(): void {
    if (!this.slot.running || !dispatches(this.life.phase, this.run.ready !== null)) return;
    this.jobs.fill(this.o.maxInFlight, (req) => this.slot.send(req));
  }

  /** Kills the worker so the crash path restarts it (in-flight jobs are retried). */
  private recycle(reason: string): void {
    this.o.log?.('warn', `restarting the engine: ${reason}`);
    this.apply({ type: 'recycle', reason });
  }

  private armIdleTimer(): void {
    this.timers.clear('idle');
    const policy = this.o.idlePolicy;
    if (policy.kind !== 'unload-after') return;
    const idle = () => this.apply({ type: 'idle', pending: this.jobs.pending });
    this.timers.set('idle', policy.minutes * 60000, idle);
  }

  private buildStatus(): EngineStatus {
    const { startedAt, readyAt, ready, lanesRunning } = this.run;
    const at = { startedAt, readyAt, lastHeartbeatAt: this.beat.lastPongAt };
    const workerRssBytes = this.slot.pid === null ? null : this.beat.lastRss;
    const worker = { ready, pid: this.slot.pid, lanesRunning };
    return snapshotOf({
      life: this.life,
      jobs: this.jobs,
      ...at,
      ...worker,
      workerRssBytes,
      ...this.o,
      ...this.policy,
      now: Date.now(),
    });
  }

  private publish(): void {
    this.feed.publish(this.buildStatus());
  }
}
