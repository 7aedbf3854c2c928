/**
 * Registers the routes of the HTTP contract (app/contracts/http-api.ts) on Fastify: inputs validated with the
 * operation's zod schemas and handed to its handler typed, and 405 with Allow for a known path with a wrong method.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HTTP_API, type HttpOperation, type HttpOperationName, type RouteAuth } from '../contracts/http-api';
import { LanternError } from '../contracts/errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (absent: the 404 handler, which needs the token like every private path). */
    auth?: RouteAuth;
    op?: HttpOperationName;
  }
}

type Parsed<O, K extends 'params' | 'query' | 'body'> = O extends { readonly [P in K]: z.ZodType<infer T> }
  ? T
  : undefined;

/** The validated inputs of one operation. */
export interface RouteInput<O> {
  readonly params: Parsed<O, 'params'>;
  readonly query: Parsed<O, 'query'>;
  readonly body: Parsed<O, 'body'>;
}

/** A handler: returns the JSON answer (status 200 unless it set another), or the reply it sent itself. */
export type RouteHandler<O> = (input: RouteInput<O>, req: FastifyRequest, reply: FastifyReply) => unknown;

/** One handler per operation of the contract; the compiler checks none is missing. */
export type RouteHandlers = { readonly [K in HttpOperationName]: RouteHandler<(typeof HTTP_API)[K]> };

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

function check(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const known = schema instanceof z.ZodObject ? ` (known: ${Object.keys(schema.shape).join(', ')})` : '';
  const why = r.error.issues
    .map(
      (i) =>
        `${i.path.map(String).join('.') || where}: ${i.message}${i.code === 'unrecognized_keys' ? known : ''}`,
    )
    .join('; ');
  throw new LanternError('BAD_REQUEST', `bad ${where}: ${why}`);
}

/** Registers every operation, then a 405 route for the other methods of each path. */
export function registerRoutes(app: FastifyInstance, handlers: RouteHandlers): void {
  const methods = new Map<string, Set<string>>();
  for (const name of Object.keys(HTTP_API) as HttpOperationName[]) {
    const op: HttpOperation = HTTP_API[name];
    const handle = handlers[name] as RouteHandler<HttpOperation>;
    methods.set(op.path, (methods.get(op.path) ?? new Set()).add(op.method));
    const head = new WeakMap<FastifyRequest, { params: unknown; query: unknown }>();
    app.route({
      method: op.method,
      url: op.path,
      config: { auth: op.auth, op: name },
      // The path and query are checked before the body is read: a mistyped option on a large upload is answered at
      // once instead of after the whole upload arrived and was held in memory.
      preParsing: (req, _reply, payload, done) => {
        try {
          head.set(req, {
            params: check(op.params, req.params, 'path'),
            query: check(op.query, req.query, 'query'),
          });
        } catch (err) {
          done(err as Error);
          return;
        }
        done(null, payload);
      },
      handler: (req, reply) =>
        Promise.resolve(
          handle(
            {
              params: head.get(req)!.params as never,
              query: head.get(req)!.query as never,
              body: check(op.body, req.body, 'body') as never,
            },
            req,
            reply,
          ),
        ),
    });
  }
  for (const [url, declared] of methods) {
    const allow = [...declared, ...(declared.has('GET') ? ['HEAD'] : [])];
    const others = ALL_METHODS.filter((m) => !allow.includes(m));
    app.route({
      method: others,
      url,
      config: { auth: 'token' },
      handler: (req, reply) => {
        reply.header('allow', allow.join(', '));
        throw new LanternError(
          'METHOD_NOT_ALLOWED',
          `${req.method} is not allowed on ${url}; use ${allow.join(' or ')}`,
        );
      },
    });
  }
}
