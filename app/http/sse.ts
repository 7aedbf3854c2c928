/** GET /events: the status stream (and watch events) as server-sent events. */
import type { ServerResponse } from 'node:http';
import type { HttpBackend } from './backend';
import type { PageProgressChannel } from './page-progress';

/** Bytes a stream may have waiting for a client that does not read (a few hundred status events). */
const MAX_BACKLOG_BYTES = 2 ** 20;

/** Streams `status` events (current one first), `watch` events and documents' `page` events until the client goes away. */
export function events(
  res: ServerResponse,
  b: HttpBackend,
  clients: Set<ServerResponse>,
  pages?: PageProgressChannel,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-accel-buffering': 'no',
  });
  // A client that stops reading is cut rather than buffered for without end (every status change is an event);
  // EventSource reconnects, and a new stream starts with the current status.
  const write = (text: string) => {
    if (res.destroyed) return;
    if (res.writableLength > MAX_BACKLOG_BYTES) return void res.destroy();
    res.write(text);
  };
  const send = (event: string, data: unknown) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('status', b.engine.status);
  const offStatus = b.engine.onStatus((s) => send('status', s));
  const offWatch = b.watch?.onEvent((e) => send('watch', e));
  const offPages = pages?.subscribe((p) => send('page', p));
  const keepAlive = setInterval(() => write(': keep-alive\n\n'), 15000);
  clients.add(res);
  res.once('close', () => {
    clearInterval(keepAlive);
    offStatus();
    offWatch?.();
    offPages?.();
    clients.delete(res);
  });
}
