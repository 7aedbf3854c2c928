/** A fake engine worker (the utilityProcess child main forks): ready when its gate opens, answers every request. */
import { EventEmitter } from 'node:events';
import type { EngineRequest, WorkerMessage } from '../../app/contracts/engine-protocol';

/** The child: records requests; `text` is what every recognition reads. */
export class FakeUtilityChild extends EventEmitter {
  readonly stdout = new EventEmitter();
  readonly stderr = new EventEmitter();
  readonly requests: EngineRequest[] = [];
  exited = false;
  constructor(
    readonly pid: number,
    readonly o: {
      /** Ready once this resolves (a warming engine until then); ready shortly after start without it. */
      readonly gate?: Promise<void>;
      readonly onRequest?: (m: EngineRequest) => void;
      readonly text?: string;
      /** A recognition is answered once what this returns for it resolves (at once when it returns nothing). */
      readonly holdRecognize?: (m: EngineRequest & { type: 'recognize' }) => Promise<void> | undefined;
    } = {},
  ) {
    super();
    const ready = () =>
      this.send({
        type: 'status',
        phase: 'ready',
        ready: {
          provider: 'cpu',
          providerSummary: 'CPU',
          recVariant: 'fp32',
          loadMs: { det: 1, cls: 1, rec: 1 },
          warmupMs: 1,
          readyMs: 3,
        },
      });
    if (o.gate) void o.gate.then(ready);
    else setTimeout(ready, 20);
  }
  send(m: WorkerMessage) {
    if (!this.exited) this.emit('message', m);
  }
  postMessage(m: EngineRequest) {
    this.requests.push(m);
    this.o.onRequest?.(m);
    const held = m.type === 'recognize' ? this.o.holdRecognize?.(m) : undefined;
    const answer = () => {
      if (m.type === 'ping') this.send({ id: m.id, ok: true, type: m.type, result: { t: 0, rss: 0 } });
      else if (m.type === 'selfTest')
        this.send({ id: m.id, ok: true, type: m.type, result: { ok: true, text: 'Lantern', ms: 1 } });
      else if (m.type === 'recognize') {
        const text = this.o.text ?? 'hi';
        this.send({
          id: m.id,
          ok: true,
          type: 'recognize',
          result: {
            file: m.input.kind === 'path' ? m.input.path : 'x',
            width: 1,
            height: 1,
            lines: text.split('\n').map((t) => ({
              text: t,
              score: 1,
              box: [
                [0, 0],
                [1, 0],
                [1, 1],
                [0, 1],
              ],
            })),
            text,
            ms: { decode: 0, det: 0, cls: 0, rec: 0, total: 0 },
            provider: 'cpu',
          },
        });
      } else if (m.type === 'shutdown') {
        this.send({ id: m.id, ok: true, type: m.type, result: {} });
        this.kill();
      }
    };
    if (held) void held.then(answer);
    else setImmediate(answer);
  }
  kill() {
    if (this.exited) return true;
    this.exited = true;
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
}
