/**
 * Parent-side handles on one tool running in its own child process: the benchmark host (any tool, in-process adapter)
 * or Lantern OCR's bundled engine worker (dist/node/engine.mjs, the engine protocol). Both are forked the same way.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EngineResponse, WorkerMessage, WorkerReady } from '../../app/contracts/engine-protocol';
import { workerEnv } from '../../app/engine/launcher';
import type { LanesSetting } from '../../app/engine/lanes';
import { engineTunables } from '../../app/engine/malloc-tunables';
import { ENGINE_EXEC_ARGV } from '../../app/engine/v8-flags';
import { modelsDir } from '../../app/models/paths';
import type { ProviderChoice } from '../../app/ocr/providers';
import type { OcrResult } from '../../app/ocr/types';
import { REPO_ROOT, type ToolId, type ToolPrediction } from './adapter';
import { warnIfStale } from './bundle-age';
import type { HostMessage, HostRequest } from './host';

/** When a tool became ready. */
export interface ReadyInfo {
  /** Milliseconds from fork() to the ready message, measured by the parent. */
  readonly wallMs: number;
  /** The child's own clock at ready (time since its process started). */
  readonly selfMs: number;
  /** Lantern's engine worker: its own ready report (load and warm-up times). */
  readonly engine?: WorkerReady;
  /** Lantern OCR: the provider that runs the models and why others did not. */
  readonly provider?: string;
}

/** One timed request. */
export interface Timed {
  /** Round trip seen by the parent: IPC, decode, inference, post-processing. */
  readonly wallMs: number;
  readonly pred: ToolPrediction;
}

/** Resident and peak memory of the child process, in bytes. */
export interface Memory {
  readonly rss: number;
  readonly peak: number;
}

/** A tool in its own process. */
export interface ToolProcess {
  readonly id: ToolId;
  /** 'engine' = Lantern's dist/node/engine.mjs worker; 'host' = test/bench/host.ts around an adapter. */
  readonly kind: 'engine' | 'host';
  readonly pid: number;
  readonly ready: Promise<ReadyInfo>;
  recognize(bytes: Uint8Array, file: string): Promise<Timed>;
  memory(): Promise<Memory>;
  stop(): Promise<void>;
}

/** The bundled engine worker, if it has been built. */
export const ENGINE_PATH = path.join(REPO_ROOT, 'dist', 'node', 'engine.mjs');

/** RSS and peak RSS (VmHWM) of a process from /proc, or undefined off Linux. */
export function procMemory(pid: number): Memory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    const rss = kb('VmRSS');
    const peak = kb('VmHWM');
    return Number.isFinite(rss) && Number.isFinite(peak) ? { rss, peak } : undefined;
  } catch {
    return undefined;
  }
}

interface Pending<T> {
  resolve: (v: T) => void;
  reject: (e: Error) => void;
  t0: number;
}

/** A forked child whose stdout is discarded and whose last stderr output is kept for error messages. */
interface Forked {
  readonly child: ChildProcess;
  readonly exitError: (what: string, code: number | null, signal: string | null) => Error;
}

function forkQuiet(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  execArgv: readonly string[] = [],
): Forked {
  const child = fork(script, args, {
    cwd: REPO_ROOT,
    // Both scripts are bundles: the bench's own tsx loader would only slow their start; the engine gets its V8 flags.
    execArgv: [...execArgv],
    serialization: 'advanced',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // Tools' chatter (onnxruntime warnings, progress) stays out of the report; failures still surface via messages.
  child.stdout?.resume();
  let tail = '';
  child.stderr?.on('data', (c: Buffer) => {
    tail = (tail + c.toString('utf8')).slice(-2000);
  });
  return {
    child,
    exitError: (what, code, signal) =>
      new Error(`${what} exited (code ${code}, signal ${signal})${tail ? `: ${tail.trim()}` : ''}`),
  };
}

async function stopChild(child: ChildProcess, ask: () => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    ask();
  } catch {
    /* channel already closed */
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts a tool in the benchmark host (bundled by `buildHost`). Lantern OCR's host gets the malloc settings its engine
 * worker runs with (malloc-tunables.ts), so its pipeline is timed as the product runs it; the peers run as shipped.
 */
export function startHost(
  hostPath: string,
  id: ToolId,
  concurrency = 1,
  provider: ProviderChoice = 'cpu',
): ToolProcess {
  const t0 = performance.now();
  const tunables =
    id === 'lantern' ? engineTunables(process.env.GLIBC_TUNABLES, process.platform) : undefined;
  const { child, exitError } = forkQuiet(
    hostPath,
    [id, String(concurrency), provider],
    tunables ? { GLIBC_TUNABLES: tunables } : {},
  );
  const pending = new Map<number, Pending<Timed>>();
  const memPending = new Map<number, (m: Memory) => void>();
  let nextId = 1;
  let dead: Error | undefined;
  const ready = new Promise<ReadyInfo>((resolve, reject) => {
    child.on('message', (raw) => {
      const m = raw as HostMessage;
      switch (m.type) {
        case 'ready':
          resolve({
            wallMs: performance.now() - t0,
            selfMs: m.selfMs,
            ...(m.provider ? { provider: m.provider } : {}),
          });
          return;
        case 'failed':
          reject(new Error(`${id} failed to start: ${m.error}`));
          return;
        case 'result': {
          const p = pending.get(m.id);
          pending.delete(m.id);
          p?.resolve({ wallMs: performance.now() - p.t0, pred: m.pred });
          return;
        }
        case 'error': {
          const p = pending.get(m.id);
          pending.delete(m.id);
          p?.reject(new Error(m.error));
          return;
        }
        case 'mem':
          memPending.get(m.id)?.({ rss: m.rss, peak: m.peak });
          memPending.delete(m.id);
          return;
      }
    });
    child.once('exit', (code, signal) => {
      dead = exitError(`${id} host`, code, signal);
      reject(dead);
      for (const p of pending.values()) p.reject(dead);
      pending.clear();
    });
  });
  ready.catch(() => {}); // awaited by the caller; this keeps an early exit from being unhandled until then
  const sendReq = (m: HostRequest) => child.send(m);
  return {
    id,
    kind: 'host',
    pid: child.pid ?? 0,
    ready,
    recognize(bytes, file) {
      if (dead) return Promise.reject(dead);
      return new Promise<Timed>((resolve, reject) => {
        const rid = nextId++;
        pending.set(rid, { resolve, reject, t0: performance.now() });
        sendReq({ type: 'recognize', id: rid, bytes, file });
      });
    },
    async memory() {
      const fromProc = procMemory(child.pid ?? 0);
      if (fromProc) return fromProc;
      return new Promise<Memory>((resolve) => {
        const rid = nextId++;
        memPending.set(rid, resolve);
        sendReq({ type: 'mem', id: rid });
      });
    },
    stop: () => stopChild(child, () => sendReq({ type: 'stop' })),
  };
}

/** Starts Lantern OCR's engine worker (dist/node/engine.mjs) on a provider (CPU by default), with the environment the app and `serve` give it. */
export function startEngine(
  enginePath = ENGINE_PATH,
  provider: ProviderChoice = 'cpu',
  lanes?: LanesSetting,
): ToolProcess {
  const t0 = performance.now();
  warnIfStale(enginePath, path.join(REPO_ROOT, 'app'));
  const env = workerEnv({ provider, threads: 0, modelsDir: modelsDir(), ...(lanes ? { lanes } : {}) });
  const { child, exitError } = forkQuiet(enginePath, [], env, ENGINE_EXEC_ARGV);
  const pending = new Map<string, Pending<Timed>>();
  const pings = new Map<string, (m: Memory) => void>();
  let nextId = 1;
  let dead: Error | undefined;
  const ready = new Promise<ReadyInfo>((resolve, reject) => {
    child.on('message', (raw) => {
      const m = raw as WorkerMessage;
      if ('ok' in m) {
        const r = m as EngineResponse;
        const ping = pings.get(r.id);
        if (ping) {
          pings.delete(r.id);
          const rss = r.ok ? (r.result as { rss: number }).rss : 0;
          ping({ rss, peak: rss });
          return;
        }
        const p = pending.get(r.id);
        pending.delete(r.id);
        if (!p) return;
        if (r.ok) {
          const res = r.result as OcrResult;
          p.resolve({
            wallMs: performance.now() - p.t0,
            pred: { lines: res.lines, text: res.text, ms: res.ms },
          });
        } else p.reject(new Error(`${r.error.code}: ${r.error.message}`));
        return;
      }
      if (m.type !== 'status') return;
      if (m.phase === 'ready')
        resolve({
          wallMs: performance.now() - t0,
          selfMs: m.ready.readyMs,
          engine: m.ready,
          provider: m.ready.providerSummary,
        });
      else if (m.phase === 'failed') reject(new Error(`engine failed: ${m.error.code} ${m.error.message}`));
    });
    child.once('exit', (code, signal) => {
      dead = exitError('engine worker', code, signal);
      reject(dead);
      for (const p of pending.values()) p.reject(dead);
      pending.clear();
    });
  });
  ready.catch(() => {}); // awaited by the caller; this keeps an early exit from being unhandled until then
  return {
    id: 'lantern',
    kind: 'engine',
    pid: child.pid ?? 0,
    ready,
    recognize(bytes, file) {
      if (dead) return Promise.reject(dead);
      return new Promise<Timed>((resolve, reject) => {
        const id = `b${nextId++}`;
        pending.set(id, { resolve, reject, t0: performance.now() });
        child.send({ id, type: 'recognize', input: { kind: 'bytes', name: path.basename(file), bytes } });
      });
    },
    async memory() {
      const fromProc = procMemory(child.pid ?? 0);
      if (fromProc) return fromProc;
      return new Promise<Memory>((resolve) => {
        const id = `m${nextId++}`;
        pings.set(id, resolve);
        child.send({ id, type: 'ping' });
      });
    },
    stop: () => stopChild(child, () => child.send({ id: 'stop', type: 'shutdown' })),
  };
}

/** Whether the engine worker bundle exists (else Lantern OCR runs in the benchmark host everywhere). */
export function engineAvailable(): boolean {
  return existsSync(ENGINE_PATH);
}
