/**
 * The local HTTP API (serve mode, and the desktop app when enabled): probes, OCR, metrics, events, the web transport's
 * /api routes and the built UI, behind the Host check (DNS rebinding) and the token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LanternError } from '../contracts/errors';
import { ROUTES, TOKEN_COOKIE } from '../contracts/http-routes';
import { authorized, hostAllowed, isLoopback, sameToken } from './auth';
import type { HttpBackend } from './backend';
import { sendError, sendJson } from './errors';
import { Metrics } from './metrics';
import { api } from './routes-api';
import { ocr, probe } from './routes-ocr';
import { events } from './sse';
import { serveStatic } from './static';

/** Server options. */
export interface HttpServerOptions {
  readonly backend: HttpBackend;
  readonly host?: string;
  readonly port?: number;
  /** The bearer token; null turns auth off, which is refused unless bound to loopback. */
  readonly token: string | null;
  /** Folder of the built renderer (index.html); omitted = no UI. */
  readonly uiRoot?: string;
  readonly maxBodyBytes?: number;
  readonly maxPending?: number;
}

/** A running server. */
export interface HttpServer {
  readonly url: string;
  readonly port: number;
  readonly metrics: Metrics;
  /** Stops accepting connections, ends event streams, resolves when every open request has been answered. */
  close(): Promise<void>;
}

const KNOWN = new Set<string>(Object.values(ROUTES));

/** A bounded label for the requests metric. */
function routeLabel(p: string): string {
  if (KNOWN.has(p)) return p;
  return p.startsWith('/api/') ? '/api' : 'other';
}

/** Starts the server and resolves once it listens. */
export async function startHttpServer(o: HttpServerOptions): Promise<HttpServer> {
  const host = o.host ?? '127.0.0.1';
  if (o.token === null && !isLoopback(host))
    throw new LanternError(
      'FORBIDDEN',
      `authentication cannot be switched off when bound to ${host}: only on loopback`,
    );
  const metrics = new Metrics();
  const startedAt = Date.now();
  const pending = { n: 0 };
  const sse = new Set<ServerResponse>();
  const limits = { maxBodyBytes: o.maxBodyBytes ?? 25 * 1024 * 1024, maxPending: o.maxPending ?? 64 };
  let port = o.port ?? 8765;

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const p = url.pathname;
    if (!hostAllowed(req.headers.host, host, port))
      throw new LanternError('FORBIDDEN', 'unexpected Host header');
    if (p === ROUTES.health || p === ROUTES.ready)
      return probe(res, o.backend, startedAt, p === ROUTES.ready);
    if (p === ROUTES.metrics) {
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(metrics.render(o.backend.engine.status));
      return;
    }
    const urlToken = url.searchParams.get('token');
    if (p === '/' && urlToken !== null && o.token !== null && sameToken(urlToken, o.token)) {
      res.writeHead(302, {
        location: '/',
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(o.token)}; Path=/; HttpOnly; SameSite=Strict`,
        'cache-control': 'no-store',
      });
      res.end();
      return;
    }
    if (!authorized(req, o.token))
      throw new LanternError(
        'UNAUTHORIZED',
        'missing or wrong token: send "Authorization: Bearer <token>" or open the URL serve printed',
      );
    if (p === ROUTES.ocr) {
      if (req.method !== 'POST') throw new LanternError('BAD_REQUEST', 'POST an image to /ocr');
      return ocr(req, res, url, o.backend, metrics, limits, pending);
    }
    if (p === ROUTES.events) return events(req, res, o.backend, sse);
    if (p.startsWith('/api/')) {
      if (await api(req, res, url, o.backend)) return;
      throw new LanternError('NOT_FOUND', `no route ${req.method} ${p}`);
    }
    if (req.method === 'GET' && o.uiRoot && (await serveStatic(res, o.uiRoot, p))) return;
    throw new LanternError('NOT_FOUND', `no route ${req.method} ${p}`);
  };

  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: 'bad URL' } });
      return;
    }
    res.on('finish', () => metrics.request(routeLabel(url.pathname), res.statusCode));
    handle(req, res, url).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, err);
      else res.end();
      if (req.readable) req.resume();
    });
  });
  server.requestTimeout = 120000;
  server.headersTimeout = 30000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of sse) res.end();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
