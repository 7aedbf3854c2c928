/** GET /events: the status stream (and watch events) as server-sent events. */
import type { ServerResponse } from 'node:http';
import type { HttpBackend } from './backend';
import type { PageProgressChannel } from './page-progress';

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
  const send = (event: string, data: unknown) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('status', b.engine.status);
  const offStatus = b.engine.onStatus((s) => send('status', s));
  const offWatch = b.watch?.onEvent((e) => send('watch', e));
  const offPages = pages?.subscribe((p) => send('page', p));
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15000);
  clients.add(res);
  res.once('close', () => {
    clearInterval(keepAlive);
    offStatus();
    offWatch?.();
    offPages?.();
    clients.delete(res);
  });
}
