/**
 * The HTTP contract: every operation's method, path, who may call it and the zod schemas of its inputs. The server
 * registers its routes from this table and the web transport builds its requests from it, so neither spells a path
 * or a method by hand.
 */
import { z } from 'zod';
import { LANTERN_OPS } from './lantern-ops';
import { LIMITS, idSchema, listLimitSchema } from './op-schemas';
import { wireErrorSchema } from './wire-error-schema';

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

// Inputs are the operations table's schemas (app/contracts/lantern-ops.ts), so both transports apply the same rules.
const id = z.object({ id: idSchema });
const limit = z.object({
  limit: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a whole number')
    .optional()
    .transform((v) => (v === undefined ? LIMITS.defaultListRows : Number(v)))
    .pipe(listLimitSchema),
});
const O = LANTERN_OPS;

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
    // Strict: a mistyped option (`?paragraph=1`) is refused, not silently ignored.
    query: z
      .object({
        paragraphs: z.enum(['0', '1']).optional(),
        words: z.enum(['0', '1']).optional(),
        output: z.enum(['json', 'txt', 'md', 'pdf']).optional(),
        force_ocr: z.enum(['0', '1']).optional(),
      })
      .strict(),
  },
  events: { method: 'GET', path: '/events', auth: 'token' },
  /** Raw PDF/TIFF/image body → PNG of one page for display. */
  pageImage: {
    method: 'POST',
    path: '/api/page-image',
    auth: 'token',
    query: z.object({ page: z.coerce.number().int().min(1).max(1_000_000) }),
  },
  /** Multipart `file` (the source) + `result` (its DocumentResult JSON) → the searchable PDF, without OCR. */
  searchablePdf: { method: 'POST', path: '/api/searchable-pdf', auth: 'token' },
  status: { method: 'GET', path: '/api/status', auth: 'token' },
  retry: { method: 'POST', path: '/api/retry', auth: 'token' },
  prewarm: { method: 'POST', path: '/api/prewarm', auth: 'token' },
  cancel: { method: 'POST', path: '/api/cancel/:id', auth: 'token', params: id },
  historyList: { method: 'GET', path: '/api/history', auth: 'token', query: limit },
  historyClear: { method: 'DELETE', path: '/api/history', auth: 'token' },
  historyRemove: { method: 'DELETE', path: '/api/history/:id', auth: 'token', params: id },
  settingsGet: { method: 'GET', path: '/api/settings', auth: 'token' },
  settingsSet: { method: 'PUT', path: '/api/settings', auth: 'token', body: O.settingsSet.input.shape.patch },
  watchList: { method: 'GET', path: '/api/watch', auth: 'token' },
  watchAdd: { method: 'POST', path: '/api/watch', auth: 'token', body: O.watchAdd.input },
  watchRemove: { method: 'DELETE', path: '/api/watch/:id', auth: 'token', params: id },
  watchEnable: {
    method: 'PUT',
    path: '/api/watch/:id',
    auth: 'token',
    params: id,
    body: O.watchSetEnabled.input.pick({ enabled: true }),
  },
  watchFailed: { method: 'GET', path: '/api/watch/failed', auth: 'token', query: limit },
  watchRetry: { method: 'POST', path: '/api/watch/retry/:id', auth: 'token', params: id },
  watchBatch: { method: 'POST', path: '/api/watch/batch', auth: 'token', body: O.watchBatch.input },
  /** The batches running or paused, with their progress. */
  watchBatches: { method: 'GET', path: '/api/watch/batch', auth: 'token' },
  /** The ledger's notice, whatever the folders. */
  watchLedger: { method: 'GET', path: '/api/watch/ledger', auth: 'token' },
  batchControl: {
    method: 'POST',
    path: '/api/watch/batch/:id',
    auth: 'token',
    params: id,
    body: O.watchBatchControl.input.pick({ action: true }),
  },
} as const satisfies Record<string, HttpOperation>;

/** The name of an operation. */
export type HttpOperationName = keyof typeof HTTP_API;

/** Compile-time proof that every operation of the renderer contract names a route of this table. */
export const LANTERN_ROUTES_EXIST: (typeof LANTERN_OPS)[keyof typeof LANTERN_OPS]['http'] extends HttpOperationName
  ? true
  : never = true;

/** Fills a path's `:name` parameters (URI-encoded). */
export function pathOf(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/:(\w+)/g, (_, k: string) => encodeURIComponent(params[k] ?? ''));
}

/** Every error answer's body (`{ error: { code, message, reason?, cause? } }`), written by the server, read by the web. */
export const httpErrorBodySchema = z.object({ error: wireErrorSchema });
