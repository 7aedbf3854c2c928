/**
 * The local HTTP API (serve mode, and the desktop app when enabled) on Fastify: probes, OCR, metrics, events, the web
 * transport's /api routes and the built UI, behind the Host check (DNS rebinding), the Origin check (CSRF) and the
 * token. Routes come from the contract table; timeouts bound every phase of a request.
 */
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { LanternError } from '../contracts/errors';
import { REQUEST_ID_HEADER, TOKEN_COOKIE } from '../contracts/http-routes';
import { LIMITS } from '../contracts/op-schemas';
import { authorized, crossSiteReason, hostAllowed, isLoopback, sameToken } from './auth';
import type { HttpBackend } from './backend';
import { AnswerCounter } from './answer-count';
import { answerClientError } from './client-errors';
import { errorAnswer, retryAfterSeconds } from './errors';
import { FAVICON_ICO } from './favicon';
import { Metrics } from './metrics';
import { registerRoutes } from './route-table';
import { localDocuments } from '../documents/document-reader';
import { documentHandlers } from './routes-documents';
import { RequestCancels } from './request-cancels';
import { apiHandlers } from './routes-api';
import { pageProgressChannel } from './page-progress';
import { admitOcr, ocrBodyRefusal, ocrHandler, probe } from './routes-ocr';
import { Slots } from './slots';
import { BODY_OPS } from './body-ops';
import { events } from './sse';
import {
  bodyTooLarge,
  DOCUMENT_BODY_TYPES,
  isOcrBodyType,
  multipartLimit,
  type BodyLimits,
} from './body-limits';
import { requestIdOf } from './request-id';
import { readStatic } from './static';
import { RefusalLog } from './refusal-log';
import { sendDeadline } from './send-deadline';
import { UNAUTHORIZED_PAGE, wantsHtml } from './unauthorized-page';

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
  /** Raw PDF and TIFF bodies (default: `maxBodyBytes`); `serve --max-document-mb`. */
  readonly maxDocumentBytes?: number;
  /** OCR requests in progress (body being read, queued or running) at once; past it, 503 + Retry-After. */
  readonly maxPending?: number;
  /** Request bodies held in memory at once, by declared length (else the limit); past it, 503 + Retry-After. */
  readonly maxHeldBytes?: number;
  /**
   * Time to receive a whole request, headers and body (408 and the connection closed after it), and to send a whole
   * answer (the connection cut after it).
   */
  readonly requestTimeoutMs?: number;
  /** Time to receive the request headers. */
  readonly headersTimeoutMs?: number;
  readonly log?: (level: 'info' | 'warn', message: string) => void;
}

/** A running server. */
export interface HttpServer {
  readonly url: string;
  readonly port: number;
  readonly metrics: Metrics;
  /**
   * Stops accepting, answers with `Connection: close`, ends event streams, and resolves once every open request has
   * been answered, or after `graceMs` with the remaining connections cut.
   */
  close(graceMs?: number): Promise<void>;
}

/** Default limits (documented in docs/http-hardening.md). */
export const HTTP_DEFAULTS = {
  /** The contract's image limit, the same over IPC; `serve --max-body-mb` raises it for this server only. */
  maxBodyBytes: LIMITS.imageBytes,
  maxPending: 64,
  maxHeldBytes: 256 * 2 ** 20,
  requestTimeoutMs: 60000,
  headersTimeoutMs: 15000,
  keepAliveTimeoutMs: 5000,
  jsonBodyBytes: 1 << 20,
} as const;

/** Starts the server and resolves once it listens. */
export async function startHttpServer(o: HttpServerOptions): Promise<HttpServer> {
  const host = o.host ?? '127.0.0.1';
  if (o.token === null && !isLoopback(host))
    throw new LanternError(
      'FORBIDDEN',
      `authentication cannot be switched off when bound to ${host}: only on loopback`,
    );
  const log = o.log ?? (() => {});
  const metrics = new Metrics();
  const startedAt = Date.now();
  const sse = new Set<ServerResponse>();
  const limits: BodyLimits = {
    body: o.maxBodyBytes ?? HTTP_DEFAULTS.maxBodyBytes,
    document: o.maxDocumentBytes ?? o.maxBodyBytes ?? HTTP_DEFAULTS.maxBodyBytes,
    json: HTTP_DEFAULTS.jsonBodyBytes,
  };
  // A form may carry a document, so its limit is the larger one.
  const maxBodyBytes = multipartLimit(limits);
  // Every published status, so that a wait is timed from when it began, not from the first request that saw it.
  const slots = new Slots(
    o.maxPending ?? HTTP_DEFAULTS.maxPending,
    o.maxHeldBytes ?? HTTP_DEFAULTS.maxHeldBytes,
  );
  const requestTimeout = o.requestTimeoutMs ?? HTTP_DEFAULTS.requestTimeoutMs;
  const headersTimeout = Math.min(o.headersTimeoutMs ?? HTTP_DEFAULTS.headersTimeoutMs, requestTimeout);
  let port = o.port ?? 8765;
  let closing = false;

  const answers = new AnswerCounter(metrics);
  const refusals = new RefusalLog(log);
  const app = Fastify({
    logger: false,
    clientErrorHandler: (err, socket) =>
      answerClientError(err, socket, requestTimeout, (status) => answers.raw(socket, status)),
    bodyLimit: HTTP_DEFAULTS.jsonBodyBytes,
    routerOptions: { maxParamLength: 512 },
    // Our own 503 while closing (below): the error shape every endpoint uses, and Connection: close with it.
    return503OnClosing: false,
    serverFactory: (handler) =>
      http
        .createServer(
          {
            requestTimeout,
            headersTimeout,
            keepAliveTimeout: HTTP_DEFAULTS.keepAliveTimeoutMs,
            connectionsCheckingInterval: Math.max(250, Math.min(30000, Math.floor(headersTimeout / 4))),
          },
          answers.wrap(handler),
        )
        .on('checkExpectation', answers.expectation),
    frameworkErrors: (err, req, reply) => {
      // The answer is queued by send(); the reply's then() only says when it has gone out.
      void sendError(err, req, reply);
    },
  });

  const unsupportedBody = (req: FastifyRequest) =>
    new LanternError(
      'UNSUPPORTED_MEDIA_TYPE',
      `${req.method} ${req.url.split('?')[0]} does not take a "${req.headers['content-type'] ?? ''}" body`,
    );
  // The body parsers' errors in the API's words: POST /ocr refuses a body it does not read (JSON included, however its
  // parser fared) with its 415; a body over its limit names that limit.
  const parserError = (thrown: unknown, req: FastifyRequest): unknown => {
    const code = (thrown as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !code.startsWith('FST_ERR_CTP_')) return thrown;
    const type = req.headers['content-type'];
    if (req.routeOptions.config.op === 'ocr' && !isOcrBodyType(type)) return ocrBodyRefusal(type);
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return bodyTooLarge(limits, type);
    if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return unsupportedBody(req);
    return thrown;
  };
  const sendError = (thrown: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const a = errorAnswer(parserError(thrown, req), retryAfterSeconds(o.backend.engine.status));
    // A fault of the server, or a refusal (503): the log names it by status, code and request id (the answer carries
    // the id, so that a client can quote it), and by path only, as a query may hold the token. Refusals come in
    // floods when the server is full, so after a code's first one they are counted, not logged one by one.
    if (a.status >= 500) {
      const id = requestIdOf(req);
      const path = req.url.split('?')[0] ?? '';
      reply.header(REQUEST_ID_HEADER, id);
      const { code, message } = a.body.error;
      if (a.status === 503) refusals.note({ code, method: req.method, path, requestId: id, message });
      else log('warn', `${req.method} ${path} ${a.status} ${code} (request ${id}): ${message}`);
    }
    if (a.status === 401 && wantsHtml(req.method, req.headers.accept))
      return reply.code(401).type('text/html; charset=utf-8').send(UNAUTHORIZED_PAGE);
    return reply.code(a.status).headers(a.headers).send(a.body);
  };
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req) => {
    throw new LanternError('NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`);
  });

  const linkToken = (req: FastifyRequest): boolean => {
    const t = (req.query as Record<string, unknown> | undefined)?.token;
    return typeof t === 'string' && o.token !== null && sameToken(t, o.token);
  };
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.url !== undefined) answers.route(reply.raw, req.routeOptions.url);
    if (closing) throw new LanternError('ENGINE_STOPPED', 'the server is stopping');
    if (!hostAllowed(req.headers.host, host, port))
      throw new LanternError('FORBIDDEN', 'unexpected Host header');
    const auth = req.routeOptions.config.auth ?? 'token';
    if (auth === 'open') return;
    const cross = crossSiteReason(req.method, req.headers);
    if (cross) throw new LanternError('FORBIDDEN', `cross-site request refused: ${cross}`);
    if (!(auth === 'link' && linkToken(req)) && !authorized(req.headers, o.token))
      throw new LanternError(
        'UNAUTHORIZED',
        'missing or wrong token: send "Authorization: Bearer <token>" or open the URL serve printed',
      );
    const op = req.routeOptions.config.op;
    if (op !== undefined && BODY_OPS.has(op)) admitOcr(req, reply, slots, maxBodyBytes);
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    if (closing) reply.header('connection', 'close');
    // An answer gets as long to leave as a request gets to arrive.
    sendDeadline(reply.raw, requestTimeout, () => answers.cutShort(reply.raw));
    return payload;
  });

  const raw = (type: string | RegExp, bodyLimit: number) =>
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
  for (const type of DOCUMENT_BODY_TYPES) raw(type, limits.document);
  // Fastify matches a pattern against the whole header, parameters included (`image/jpeg; charset=binary`).
  for (const type of ['application/octet-stream', /^image\/[\w.+-]+(?:;|$)/]) raw(type, limits.body);
  await app.register(multipart, { limits: { fileSize: maxBodyBytes } });

  const staticFile = async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '/';
    const file = o.uiRoot ? await readStatic(o.uiRoot, path) : null;
    if (!file) throw new LanternError('NOT_FOUND', `no route ${req.method} ${path}`);
    return reply.headers(file.headers).send(file.body);
  };
  const pages = pageProgressChannel();
  const cancels = new RequestCancels();
  registerRoutes(app, {
    health: (_, __, reply) => probe(reply, o.backend, slots, startedAt, false),
    ready: (_, __, reply) => probe(reply, o.backend, slots, startedAt, true),
    metrics: (_, __, reply) =>
      reply
        .type('text/plain; version=0.0.4; charset=utf-8')
        .send(metrics.render(o.backend.engine.status, slots.inUse)),
    favicon: (_, __, reply) =>
      reply
        .type('image/x-icon')
        .header('cache-control', 'public, max-age=86400')
        .send(Buffer.from(FAVICON_ICO)),
    home: ({ query }, req, reply) => {
      if (query.token === undefined || o.token === null || !linkToken(req)) return staticFile(req, reply);
      return reply
        .code(302)
        .header('location', '/')
        .header(
          'set-cookie',
          `${TOKEN_COOKIE}=${encodeURIComponent(o.token)}; Path=/; HttpOnly; SameSite=Strict`,
        )
        .send();
    },
    ocr: ocrHandler({ backend: o.backend, metrics, maxBodyBytes, log, pages, cancels }),
    events: (_, __, reply) => {
      reply.hijack();
      events(reply.raw, o.backend, sse, pages);
    },
    ...apiHandlers(o.backend, cancels),
    ...documentHandlers(maxBodyBytes, o.backend.documents ?? localDocuments),
  });
  if (o.uiRoot) app.get('/*', { config: { auth: 'token' } }, staticFile);

  await app.listen({ port, host });
  port = (app.server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    metrics,
    close: async (graceMs = 5000) => {
      if (closing) return;
      closing = true;
      for (const res of sse) res.end();
      const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
      await app.close();
      clearTimeout(cut);
      refusals.flush();
    },
  };
}
