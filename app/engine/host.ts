/**
 * EngineHost: starts the engine worker through a launcher, queues requests (interactive first), publishes the
 * lifecycle status, proves liveness with heartbeats, and recovers from crashes and hangs without losing a request:
 * every accepted request gets exactly one answer.
 */
import {
  isResponse,
  type EngineRequest,
  type RecognizeInput,
  type RecognizeOptions,
  type WorkerMessage,
  type WorkerReady,
} from '../contracts/engine-protocol';
import { LanternError, type WireError } from '../contracts/errors';
import type { EngineStatus, IdlePolicy } from '../contracts/status';
import type { OcrResult } from '../ocr/types';
import type { ProviderChoice } from '../ocr/providers';
import { crashDecision, healDelay, type CrashPolicy } from './crash-policy';
import { JobQueue, type Job } from './job-queue';
import { describe, publicState } from './status-text';
import type { WorkerHandle, WorkerLauncher } from './launcher';
import type { OcrService, SubmitOptions } from './ocr-service';

/** Host configuration; every timing has a production default and can be shortened in tests. */
export interface EngineHostOptions {
  readonly launcher: WorkerLauncher;
  readonly modelsDir: string;
  readonly provider?: ProviderChoice;
  readonly threads?: number;
  readonly packId?: string;
  readonly idlePolicy?: IdlePolicy;
  readonly heartbeatMs?: number;
  readonly hangTimeoutMs?: number;
  readonly startTimeoutMs?: number;
  readonly maxInFlight?: number;
  readonly maxQueue?: number;
  readonly crashPolicy?: Partial<CrashPolicy>;
  readonly log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

/** What the probes need: whether new work can start now, and whether the process can still serve at all. */
export interface EngineProbe {
  readonly ready: boolean;
  readonly live: boolean;
  /** Why not ready or not live (empty when both hold). */
  readonly reason: string;
}

/** The host's internal phase (finer than the published state). */
export type Phase =
  | 'stopped'
  | 'starting'
  | 'loading'
  | 'warming'
  | 'ready'
  | 'unloading'
  | 'unloaded'
  | 'crashed'
  | 'hung'
  | 'restarting'
  | 'error'
  | 'stopping';

interface Control {
  readonly resolve: (v: unknown) => void;
  readonly reject: (e: Error) => void;
}

/** The supervised resident engine. */
export class EngineHost implements OcrService {
  private readonly o: Required<Omit<EngineHostOptions, 'packId' | 'crashPolicy' | 'log'>> &
    Pick<EngineHostOptions, 'packId' | 'log'>;
  private readonly crashPolicy: CrashPolicy;
  private readonly queue = new JobQueue();
  private readonly inFlight = new Map<string, Job>();
  private readonly control = new Map<string, Control>();
  private readonly listeners = new Set<(s: EngineStatus) => void>();
  private phase: Phase = 'stopped';
  /** Set by stop(): no new requests; queued and running ones drain within the grace period. */
  private stopping = false;
  /** Set when a settings change replaces the worker: its exit is a reload, not a crash. */
  private reloading = false;
  private worker: WorkerHandle | null = null;
  private generation = 0;
  private seq = 0;
  private crashes: number[] = [];
  private restarts = 0;
  private ready: WorkerReady | null = null;
  private lastError: WireError | null = null;
  private launchedAt = 0;
  private lastPongAt = 0;
  private lastHeartbeatAt: number | null = null;
  private readyAt: number | null = null;
  private readonly startedAt = Date.now();
  private heartbeat: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private healTimer: NodeJS.Timeout | undefined;
  /** Self-heal attempts since the last time a worker reached ready. */
  private heals = 0;
  private snapshot: EngineStatus;

  constructor(options: EngineHostOptions) {
    this.o = {
      provider: 'auto',
      threads: 0,
      idlePolicy: { kind: 'always-warm' },
      heartbeatMs: 2000,
      hangTimeoutMs: 15000,
      startTimeoutMs: 120000,
      maxInFlight: 2,
      maxQueue: 512,
      ...options,
    };
    this.crashPolicy = {
      maxCrashes: 3,
      windowMs: 60000,
      baseBackoffMs: 250,
      maxBackoffMs: 10000,
      healBaseMs: 30000,
      healMaxMs: 300000,
      maxHeals: 5,
      ...options.crashPolicy,
    };
    this.snapshot = this.buildStatus();
  }

  /** Starts the worker (load and warm-up happen in it) and the heartbeat. */
  start(): void {
    if (this.phase !== 'stopped' && this.phase !== 'error' && this.phase !== 'unloaded') return;
    this.heartbeat ??= setInterval(() => this.tick(), this.o.heartbeatMs);
    this.heartbeat.unref?.();
    this.launch();
  }

  get status(): EngineStatus {
    return this.snapshot;
  }

  /**
   * Readiness: a warm worker that answered a heartbeat recently and a queue with room. Liveness: false only once
   * `maxHeals` self-heal rounds in a row failed to bring a worker to ready (an orchestrator should restart us).
   */
  probe(): EngineProbe {
    const live = this.heals < this.crashPolicy.maxHeals;
    const lastLife = Math.max(this.lastPongAt, this.readyAt ?? 0);
    const silentMs = Date.now() - lastLife;
    const reason =
      this.phase !== 'ready'
        ? `the engine is ${publicState(this.phase, 0)}`
        : silentMs > Math.max(3 * this.o.heartbeatMs, this.o.hangTimeoutMs / 2)
          ? `the engine has not answered for ${Math.round(silentMs / 1000)} s`
          : this.queue.size >= this.o.maxQueue
            ? 'the queue is full'
            : '';
    return {
      ready: reason === '' && !this.stopping,
      live,
      reason: live ? reason || (this.stopping ? 'stopping' : '') : `self-heal failed ${this.heals} times`,
    };
  }

  onStatus(cb: (s: EngineStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  recognize(
    input: RecognizeInput,
    options?: RecognizeOptions,
    submit: SubmitOptions = {},
  ): Promise<OcrResult> {
    return new Promise<OcrResult>((resolve, reject) => {
      if (this.phase === 'error')
        return reject(
          new LanternError(
            'ENGINE_UNAVAILABLE',
            `the engine is in error: ${this.lastError?.message ?? 'unknown'} (it will try again on its own)`,
          ),
        );
      if (this.stopping || this.phase === 'stopped')
        return reject(new LanternError('ENGINE_STOPPED', 'the engine is stopped'));
      if (this.queue.size >= this.o.maxQueue)
        return reject(new LanternError('QUEUE_FULL', `the queue is full (${this.o.maxQueue} waiting)`));
      const signal = submit.signal;
      if (signal?.aborted) return reject(new LanternError('CANCELLED', 'the client went away'));
      const job: Job = {
        id: `j${++this.seq}`,
        requestId: submit.requestId,
        input,
        options,
        priority: submit.priority ?? 'interactive',
        acceptedAt: Date.now(),
        attempts: 0,
        resolve: (r) => (signal?.removeEventListener('abort', onAbort), resolve(r)),
        reject: (e) => (signal?.removeEventListener('abort', onAbort), reject(e)),
      };
      // A queued job nobody waits for is dropped; a running one finishes and its answer goes nowhere.
      const onAbort = () => {
        if (!this.queue.remove(job)) return;
        job.reject(new LanternError('CANCELLED', 'the client went away'));
        this.publish();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      if (this.phase === 'unloaded') this.launch();
      this.dispatch();
      this.publish();
    });
  }

  cancel(requestId: string): boolean {
    const queued = this.queue.take(requestId);
    if (queued) {
      queued.reject(new LanternError('CANCELLED', 'cancelled'));
      this.publish();
      return true;
    }
    for (const [id, job] of this.inFlight) {
      if (job.requestId !== requestId) continue;
      this.inFlight.delete(id);
      job.reject(new LanternError('CANCELLED', 'cancelled'));
      this.worker?.send({ id: `c${++this.seq}`, type: 'cancel', target: id });
      this.dispatch();
      this.publish();
      return true;
    }
    return false;
  }

  prewarm(): void {
    this.armIdleTimer();
    if (this.phase === 'unloaded') this.launch();
  }

  /** Leaves the `error` state and starts again with a fresh crash budget. */
  retry(): void {
    if (this.phase !== 'error') return;
    this.heals = 0;
    this.heal();
  }

  /** Runs the known self-test inference; a wrong answer or no answer restarts the worker. */
  async selfTest(timeoutMs = 30000): Promise<{ ok: boolean; text: string; ms: number }> {
    try {
      const r = (await this.call({ id: `s${++this.seq}`, type: 'selfTest' }, timeoutMs)) as {
        ok: boolean;
        text: string;
        ms: number;
      };
      if (!r.ok) this.recycle(`self-test read "${r.text}"`);
      return r;
    } catch (err) {
      this.recycle(`self-test failed: ${(err as Error).message}`);
      return { ok: false, text: '', ms: 0 };
    }
  }

  /**
   * Applies new provider/threads/idle settings. A new provider or thread count reloads the worker: that is neither
   * a crash nor a restart (no crash budget, no restart count, no attempt used); requests in flight go back to the
   * front of the queue and are answered by the new worker.
   */
  reconfigure(next: { provider?: ProviderChoice; threads?: number; idlePolicy?: IdlePolicy }): void {
    const reload =
      (next.provider !== undefined && next.provider !== this.o.provider) ||
      (next.threads !== undefined && next.threads !== this.o.threads);
    Object.assign(this.o, next);
    this.armIdleTimer();
    if (reload && this.worker && !this.stopping) {
      this.o.log?.('info', 'settings changed: reloading the engine');
      this.reloading = true;
      this.worker.kill('SIGKILL');
    } else this.publish();
  }

  /** Stops accepting, lets queued and running work finish within `graceMs`, fails the rest, stops the worker. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.phase === 'stopped' || this.stopping) return;
    this.stopping = true;
    const deadline = Date.now() + graceMs;
    while ((this.queue.size > 0 || this.inFlight.size > 0) && Date.now() < deadline && this.worker)
      await sleep(25);
    for (const job of [...this.queue.drain(), ...this.inFlight.values()])
      job.reject(new LanternError('ENGINE_STOPPED', 'the engine stopped before this request finished'));
    this.inFlight.clear();
    clearInterval(this.heartbeat);
    clearTimeout(this.restartTimer);
    clearTimeout(this.idleTimer);
    clearTimeout(this.healTimer);
    this.heartbeat = undefined;
    this.phase = 'stopping';
    await this.shutdownWorker();
    this.phase = 'stopped';
    this.stopping = false;
    this.publish();
  }

  /** Leaves `error` with a fresh crash budget. */
  private heal(): void {
    clearTimeout(this.healTimer);
    this.crashes = [];
    this.lastError = null;
    this.launch();
  }

  private launch(): void {
    clearTimeout(this.restartTimer);
    const gen = ++this.generation;
    this.reloading = false;
    this.phase = 'starting';
    this.ready = null;
    this.launchedAt = Date.now();
    this.lastPongAt = Date.now();
    const w = this.o.launcher.launch({
      provider: this.o.provider,
      threads: this.o.threads,
      modelsDir: this.o.modelsDir,
      ...(this.o.packId ? { packId: this.o.packId } : {}),
    });
    this.worker = w;
    w.onMessage((m) => gen === this.generation && this.onMessage(m));
    w.onExit((info) => gen === this.generation && this.onExit(info));
    this.publish();
  }

  private onMessage(m: WorkerMessage): void {
    this.lastPongAt = Date.now();
    if (isResponse(m)) {
      const job = this.inFlight.get(m.id);
      if (job) {
        this.inFlight.delete(m.id);
        if (m.ok) job.resolve(m.result as OcrResult);
        else job.reject(new LanternError(m.error.code, m.error.message));
        this.armIdleTimer();
        this.dispatch();
        this.publish();
        return;
      }
      const c = this.control.get(m.id);
      if (c) {
        this.control.delete(m.id);
        if (m.ok) c.resolve(m.result);
        else c.reject(new LanternError(m.error.code, m.error.message));
      }
      return;
    }
    switch (m.type) {
      case 'status':
        if (m.phase === 'loading' || m.phase === 'warming') this.phase = m.phase;
        else if (m.phase === 'ready') {
          this.phase = 'ready';
          this.heals = 0;
          this.ready = m.ready;
          this.readyAt = Date.now();
          this.armIdleTimer();
          this.dispatch();
        } else this.lastError = m.error;
        this.publish();
        return;
      case 'log':
        this.o.log?.(m.level, m.message);
        return;
      case 'progress':
        return;
    }
  }

  private onExit(info: { code: number | null; signal: string | null }): void {
    this.worker = null;
    for (const c of this.control.values()) c.reject(new LanternError('ENGINE_CRASHED', 'the engine stopped'));
    this.control.clear();
    if (
      this.stopping ||
      this.phase === 'stopping' ||
      this.phase === 'stopped' ||
      this.phase === 'unloading'
    ) {
      if (this.phase === 'unloading') this.phase = 'unloaded';
      this.publish();
      return;
    }
    if (this.reloading) {
      this.reloading = false;
      for (const job of [...this.inFlight.values()].reverse()) {
        job.attempts--;
        this.queue.push(job, true);
      }
      this.inFlight.clear();
      this.lastError = null;
      this.launch();
      return;
    }
    const hung = this.phase === 'hung';
    const how = hung ? 'stopped answering heartbeats' : `exited (${info.signal ?? `code ${info.code}`})`;
    const why = this.lastError && !hung ? `${how}: ${this.lastError.message}` : how;
    if (!hung) this.phase = 'crashed';
    this.lastError = {
      code: hung ? 'TIMEOUT' : (this.lastError?.code ?? 'ENGINE_CRASHED'),
      message: `the engine ${why}`,
    } as WireError;
    for (const job of [...this.inFlight.values()].reverse()) {
      if (job.attempts >= 2)
        job.reject(
          new LanternError('ENGINE_CRASHED', `the engine ${why} twice while reading this image; giving up`),
        );
      else this.queue.push(job, true);
    }
    this.inFlight.clear();
    this.publish();
    const d = crashDecision(this.crashes, Date.now(), this.crashPolicy);
    this.crashes = d.crashes;
    if (d.giveUp) {
      this.phase = 'error';
      const wait = healDelay(++this.heals, this.crashPolicy);
      this.lastError = {
        code: this.lastError.code,
        message: `${this.lastError.message}; ${d.crashes.length} failures in ${Math.round(this.crashPolicy.windowMs / 1000)} s, trying again in ${Math.round(wait / 1000)} s`,
      };
      for (const job of this.queue.drain())
        job.reject(new LanternError('ENGINE_UNAVAILABLE', this.lastError.message));
      this.healTimer = setTimeout(() => this.heal(), wait);
      this.healTimer.unref?.();
      this.publish();
      return;
    }
    this.phase = 'restarting';
    this.restarts++;
    this.publish();
    this.restartTimer = setTimeout(() => this.launch(), d.backoffMs);
  }

  private tick(): void {
    const w = this.worker;
    if (!w) return;
    const now = Date.now();
    const starting = this.phase === 'starting' || this.phase === 'loading' || this.phase === 'warming';
    const limit = starting ? this.o.startTimeoutMs : this.o.hangTimeoutMs;
    if ((starting || this.phase === 'ready') && now - this.lastPongAt > limit) {
      this.phase = 'hung';
      this.publish();
      w.kill('SIGKILL');
      return;
    }
    if (this.phase !== 'ready') return;
    this.call({ id: `p${++this.seq}`, type: 'ping' }, this.o.hangTimeoutMs)
      .then(() => {
        this.lastHeartbeatAt = Date.now();
        this.publish();
      })
      .catch(() => {});
  }

  private dispatch(): void {
    const w = this.worker;
    if (this.phase !== 'ready' || !w) return;
    while (this.inFlight.size < this.o.maxInFlight) {
      const job = this.queue.shift();
      if (!job) break;
      job.attempts++;
      this.inFlight.set(job.id, job);
      w.send({
        id: job.id,
        type: 'recognize',
        input: job.input,
        ...(job.options ? { options: job.options } : {}),
      });
    }
  }

  private call(req: EngineRequest, timeoutMs: number): Promise<unknown> {
    const w = this.worker;
    if (!w) return Promise.reject(new LanternError('ENGINE_UNAVAILABLE', 'no engine is running'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.control.delete(req.id);
        reject(new LanternError('TIMEOUT', `${req.type} timed out`));
      }, timeoutMs);
      timer.unref?.();
      this.control.set(req.id, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      w.send(req);
    });
  }

  /** Kills the worker so the crash path restarts it (in-flight jobs are retried). */
  private recycle(reason: string): void {
    this.o.log?.('warn', `restarting the engine: ${reason}`);
    this.lastError = { code: 'ENGINE_CRASHED', message: reason };
    this.worker?.kill('SIGKILL');
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    const policy = this.o.idlePolicy;
    if (policy.kind !== 'unload-after') return;
    this.idleTimer = setTimeout(() => void this.unload(), policy.minutes * 60000);
    this.idleTimer.unref?.();
  }

  private async unload(): Promise<void> {
    if (this.phase !== 'ready' || this.queue.size > 0 || this.inFlight.size > 0) return this.armIdleTimer();
    this.phase = 'unloading';
    this.publish();
    await this.shutdownWorker();
  }

  private async shutdownWorker(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    const exited = new Promise<void>((r) => w.onExit(() => r()));
    w.send({ id: `x${++this.seq}`, type: 'shutdown' });
    const t = setTimeout(() => w.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
  }

  private buildStatus(): EngineStatus {
    const state = publicState(this.phase, this.queue.size + this.inFlight.size);
    return {
      state,
      modelLoaded: state === 'ready' || state === 'busy',
      provider: this.ready?.provider ?? null,
      providerSummary: this.ready?.providerSummary ?? null,
      pid: this.worker?.pid ?? null,
      loadMs: this.ready?.loadMs ?? null,
      warmupMs: this.ready?.warmupMs ?? null,
      readyMs: this.ready?.readyMs ?? null,
      startedAt: this.startedAt,
      readyAt: this.readyAt,
      lastHeartbeatAt: this.lastHeartbeatAt,
      restarts: this.restarts,
      queue: this.queue.size,
      inFlight: this.inFlight.size,
      idlePolicy: this.o.idlePolicy,
      error: this.lastError ? { code: this.lastError.code, message: this.lastError.message } : null,
      message: describe(state, this.restarts, this.lastError),
    };
  }

  private publish(): void {
    this.snapshot = this.buildStatus();
    for (const cb of this.listeners) cb(this.snapshot);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
