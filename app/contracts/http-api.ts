/**
 * The HTTP contract: every operation's method, path, who may call it and the zod schemas of its inputs. The server
 * registers its routes from this table and the web transport builds its requests from it, so neither spells a path
 * or a method by hand.
 */
import { z } from 'zod';
import { BATCH_ACTIONS, watchOptionsSchema } from './lantern-api';
import { settingsPatchSchema } from './settings';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who may call an operation: anyone (probes), token holders, or token holders plus the `/?token=` link. */
export type RouteAuth = 'open' | 'token' | 'link';

/** One operation of the API. */
export interface HttpOperation {
  readonly method: HttpMethod;
  /** Fastify-style path (`:name` parameters). */
  readonly path: string;
  readonly auth: RouteAuth;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
}

const id = z.object({ id: z.string().min(1).max(256) });
const limit = z.object({
  limit: z
    .string()
    .optional()
    .transform((v) => Math.min(500, Math.max(1, Number(v ?? 50) || 50))),
});
const folderBody = z.object({
  dir: z.string().min(1).max(4096),
  options: watchOptionsSchema.partial().default({}),
});

/** Every operation, by name. */
export const HTTP_API = {
  health: { method: 'GET', path: '/health', auth: 'open' },
  ready: { method: 'GET', path: '/ready', auth: 'open' },
  metrics: { method: 'GET', path: '/metrics', auth: 'open' },
  favicon: { method: 'GET', path: '/favicon.ico', auth: 'open' },
  home: {
    method: 'GET',
    path: '/',
    auth: 'link',
    query: z.object({ token: z.string().max(512).optional() }),
  },
  ocr: {
    method: 'POST',
    path: '/ocr',
    auth: 'token',
    query: z.object({
      paragraphs: z.enum(['0', '1']).optional(),
      output: z.enum(['json', 'txt', 'md', 'pdf']).optional(),
      force_ocr: z.enum(['0', '1']).optional(),
    }),
  },
  events: { method: 'GET', path: '/events', auth: 'token' },
  status: { method: 'GET', path: '/api/status', auth: 'token' },
  retry: { method: 'POST', path: '/api/retry', auth: 'token' },
  prewarm: { method: 'POST', path: '/api/prewarm', auth: 'token' },
  cancel: { method: 'POST', path: '/api/cancel/:id', auth: 'token', params: id },
  historyList: { method: 'GET', path: '/api/history', auth: 'token', query: limit },
  historyClear: { method: 'DELETE', path: '/api/history', auth: 'token' },
  settingsGet: { method: 'GET', path: '/api/settings', auth: 'token' },
  settingsSet: { method: 'PUT', path: '/api/settings', auth: 'token', body: settingsPatchSchema },
  watchList: { method: 'GET', path: '/api/watch', auth: 'token' },
  watchAdd: { method: 'POST', path: '/api/watch', auth: 'token', body: folderBody },
  watchRemove: { method: 'DELETE', path: '/api/watch/:id', auth: 'token', params: id },
  watchEnable: {
    method: 'PUT',
    path: '/api/watch/:id',
    auth: 'token',
    params: id,
    body: z.object({ enabled: z.boolean() }),
  },
  watchFailed: { method: 'GET', path: '/api/watch/failed', auth: 'token', query: limit },
  watchRetry: { method: 'POST', path: '/api/watch/retry/:id', auth: 'token', params: id },
  watchBatch: { method: 'POST', path: '/api/watch/batch', auth: 'token', body: folderBody },
  batchControl: {
    method: 'POST',
    path: '/api/watch/batch/:id',
    auth: 'token',
    params: id,
    body: z.object({ action: z.enum(BATCH_ACTIONS) }),
  },
} as const satisfies Record<string, HttpOperation>;

/** The name of an operation. */
export type HttpOperationName = keyof typeof HTTP_API;

/** Fills a path's `:name` parameters (URI-encoded). */
export function pathOf(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}
