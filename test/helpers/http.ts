/** Helpers for API tests: a real server with a real engine, and raw requests with any Host header. */
import http from 'node:http';
import type { DocumentReader } from '../../app/documents/document-reader';
import type { EngineHost, EngineHostOptions } from '../../app/engine/host';
import type { HistoryService } from '../../app/http/backend';
import { startHttpServer, type HttpServer, type HttpServerOptions } from '../../app/http/server';
import { Ledger } from '../../app/watch/ledger';
import { makeHost } from './engine';

/** The token tests use. */
export const TOKEN = 'test-token-0123456789abcdef';

/** Starts an engine and a server on 127.0.0.1:0 (the engine is not awaited: callers see it warm up). */
export async function startStack(
  overrides: Partial<HttpServerOptions> = {},
  parts: { history?: HistoryService; engine?: Partial<EngineHostOptions>; documents?: DocumentReader } = {},
): Promise<{ engine: EngineHost; server: HttpServer; base: string; stop: () => Promise<void> }> {
  const { host: engine } = makeHost(parts.engine);
  engine.start();
  const server = await startHttpServer({
    backend: {
      engine,
      history: parts.history ?? Ledger.open(':memory:').history,
      ...(parts.documents ? { documents: parts.documents } : {}),
    },
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    ...overrides,
  });
  const base = server.url.replace(/\/$/, '');
  return {
    engine,
    server,
    base,
    stop: async () => {
      await server.close();
      await engine.stop(1000);
    },
  };
}

/** A request with full control of the headers (fetch refuses to set Host). */
export function rawRequest(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string },
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: res.headers,
        }),
      );
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

/** Polls `f` until it returns true (rejects after `ms`). */
export async function until(f: () => Promise<boolean> | boolean, ms = 30000, step = 50): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await f()) return;
    await new Promise((r) => setTimeout(r, step));
  }
  throw new Error('condition not met in time');
}
