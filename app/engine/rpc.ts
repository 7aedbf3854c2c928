/** Id-correlated control calls to the worker (ping, self-test, cancel, shutdown), each resolving with its typed result. */
import { assertNever } from '../contracts/assert-never';
import type {
  EngineRequest,
  EngineResponse,
  EngineResults,
  EngineSuccess,
} from '../contracts/engine-protocol';
import { fromWireError, LanternError } from '../contracts/errors';

/** The request types answered through the RPC (recognitions are the job dispatcher's). */
export type ControlType = Exclude<keyof EngineResults, 'recognize'>;

/** A caller waiting for one control answer, typed by its request type. */
type Waiter = {
  readonly [K in ControlType]: { readonly type: K; readonly resolve: (r: EngineResults[K]) => void };
}[ControlType];

interface Open {
  readonly waiter: Waiter;
  readonly reject: (e: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Resolves the waiter when the answer is of its type; false when it is not (a protocol error). */
function deliver(w: Waiter, m: EngineSuccess): boolean {
  switch (m.type) {
    case 'ping':
      return w.type === 'ping' && (w.resolve(m.result), true);
    case 'selfTest':
      return w.type === 'selfTest' && (w.resolve(m.result), true);
    case 'cancel':
      return w.type === 'cancel' && (w.resolve(m.result), true);
    case 'shutdown':
      return w.type === 'shutdown' && (w.resolve(m.result), true);
    case 'recognize':
      return false;
    default:
      return assertNever(m);
  }
}

/** The control channel to whichever worker is current; `send` returns false when there is none. */
export class EngineRpc {
  private readonly open = new Map<string, Open>();
  private seq = 0;

  constructor(private readonly send: (req: EngineRequest) => boolean) {}

  /** A heartbeat: the worker's clock and resident memory. */
  ping(timeoutMs: number): Promise<EngineResults['ping']> {
    const id = this.nextId();
    return new Promise((resolve, reject) =>
      this.call({ id, type: 'ping' }, { type: 'ping', resolve }, reject, timeoutMs),
    );
  }

  /** Reads the known self-test image. */
  selfTest(timeoutMs: number): Promise<EngineResults['selfTest']> {
    const id = this.nextId();
    return new Promise((resolve, reject) =>
      this.call({ id, type: 'selfTest' }, { type: 'selfTest', resolve }, reject, timeoutMs),
    );
  }

  /** Sends a request nobody waits for (cancel, shutdown): the answer, if any, is dropped. */
  notify(req: { readonly type: 'cancel'; readonly target: string } | { readonly type: 'shutdown' }): void {
    this.send({ ...req, id: this.nextId() });
  }

  /** Settles the call this answer belongs to; false when no call waits for it (it is a job's, or late). */
  answer(m: EngineResponse): boolean {
    const o = this.open.get(m.id);
    if (!o) return false;
    this.open.delete(m.id);
    clearTimeout(o.timer);
    if (!m.ok) o.reject(fromWireError(m.error));
    else if (!deliver(o.waiter, m))
      o.reject(new LanternError('INTERNAL', `a ${o.waiter.type} request was answered as ${m.type}`));
    return true;
  }

  /** Fails every open call (the worker went away). */
  failAll(error: Error): void {
    for (const o of this.open.values()) {
      clearTimeout(o.timer);
      o.reject(error);
    }
    this.open.clear();
  }

  private call(req: EngineRequest, waiter: Waiter, reject: (e: Error) => void, timeoutMs: number): void {
    const timer = setTimeout(() => {
      this.open.delete(req.id);
      reject(new LanternError('TIMEOUT', `${req.type} timed out`));
    }, timeoutMs);
    timer.unref?.();
    this.open.set(req.id, { waiter, reject, timer });
    if (!this.send(req)) this.answerMissing(req.id);
  }

  private answerMissing(id: string): void {
    const o = this.open.get(id);
    if (!o) return;
    this.open.delete(id);
    clearTimeout(o.timer);
    o.reject(new LanternError('ENGINE_UNAVAILABLE', 'no engine is running'));
  }

  private nextId(): string {
    return `c${++this.seq}`;
  }
}
