/**
 * Counts every answer on /metrics, once, by route and the status its client got: also the answers no route sees
 * (Node's parser refusing a request, a malformed URL, an Expect the server does not meet, headers that never end),
 * so that the counts by status match what clients were told.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** The route label of a request that reached no route. */
const NO_ROUTE = 'other';

/** Counts each request when its response closes, whoever answered it. */
export class AnswerCounter {
  private readonly routes = new WeakMap<ServerResponse, string>();
  // The request each connection is on, so that a parser-level answer is counted with it (not besides it).
  private readonly open = new WeakMap<object, ServerResponse>();
  // Connections answered by the parser's error handler (a stalled body's 408): their request counts that status.
  private readonly answeredRaw = new WeakMap<object, number>();
  // Answers cut at their send deadline: the client never had them (`writableFinished` holds once handed to the socket).
  private readonly cut = new WeakSet<ServerResponse>();

  constructor(private readonly metrics: Metrics) {}

  /** Wraps the server's request handler so that every request it gets is counted. */
  wrap(handler: Handler): Handler {
    return (req, res) => {
      this.track(req, res);
      handler(req, res);
    };
  }

  /** Names the route a request matched (its label); one that matched none is counted as "other". */
  route(res: ServerResponse, route: string): void {
    this.routes.set(res, route);
  }

  /** Marks an answer cut at its send deadline: its client never had it (a 499). */
  cutShort(res: ServerResponse): void {
    this.cut.add(res);
  }

  /** Counts an answer written on the raw connection: as its request's status, or alone when none was in progress. */
  raw(socket: object, status: number): void {
    const res = this.open.get(socket);
    if (res && !res.writableFinished) this.answeredRaw.set(socket, status);
    else this.metrics.request(NO_ROUTE, status);
  }

  /** Answers an Expect other than 100-continue (Node's `checkExpectation`): 417 in the API's error shape, counted. */
  readonly expectation = (req: IncomingMessage, res: ServerResponse): void => {
    this.track(req, res);
    const body = JSON.stringify({
      error: { code: 'BAD_REQUEST', message: 'the only Expect header this server meets is "100-continue"' },
    });
    res.writeHead(417, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
  };

  private track(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    this.open.set(socket, res);
    res.once('close', () => {
      if (this.open.get(socket) === res) this.open.delete(socket);
      this.metrics.request(
        this.routes.get(res) ?? NO_ROUTE,
        res.writableFinished && !this.cut.has(res) ? res.statusCode : (this.answeredRaw.get(socket) ?? 499),
      );
    });
  }
}
