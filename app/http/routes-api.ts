/** The `/api/*` routes of the web transport: status, retry, prewarm, cancel, history, settings, watch. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { LanternError } from '../contracts/errors';
import { ROUTES } from '../contracts/http-routes';
import { BATCH_ACTIONS, watchOptionsSchema } from '../contracts/lantern-api';
import { settingsPatchSchema } from '../contracts/settings';
import type { HttpBackend } from './backend';
import { readBody } from './body';
import { sendJson } from './errors';

async function json(req: IncomingMessage): Promise<unknown> {
  const text = new TextDecoder().decode(await readBody(req, 1 << 20));
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new LanternError('BAD_REQUEST', 'the body is not JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new LanternError(
      'BAD_REQUEST',
      r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  return r.data;
}

function need<T>(service: T | undefined, what: string): T {
  if (!service) throw new LanternError('NOT_FOUND', `${what} is not available in this mode`);
  return service;
}

const limitOf = (url: URL) => Math.min(500, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
const watchAdd = z.object({
  dir: z.string().min(1).max(4096),
  options: watchOptionsSchema.partial().default({}),
});
const watchEnable = z.object({ enabled: z.boolean() });
const batchAction = z.object({ action: z.enum(BATCH_ACTIONS) });

/** Handles an /api route; returns false when none matched. */
export async function api(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  b: HttpBackend,
): Promise<boolean> {
  const m = req.method ?? 'GET';
  const p = url.pathname;
  const tail = (prefix: string) =>
    p.startsWith(prefix + '/') ? decodeURIComponent(p.slice(prefix.length + 1)) : null;
  if (p === ROUTES.status && m === 'GET') return (sendJson(res, 200, b.engine.status), true);
  if (p === ROUTES.retry && m === 'POST')
    return (b.engine.retry(), sendJson(res, 200, b.engine.status), true);
  if (p === ROUTES.prewarm && m === 'POST')
    return (b.engine.prewarm(), sendJson(res, 202, { ok: true }), true);
  const cancelId = tail(ROUTES.cancel);
  if (cancelId !== null && m === 'POST')
    return (sendJson(res, 200, { cancelled: b.engine.cancel(cancelId) }), true);
  if (p === ROUTES.history) {
    const h = need(b.history, 'history');
    if (m === 'GET') return (sendJson(res, 200, await h.list(limitOf(url))), true);
    if (m === 'DELETE') return (await h.clear(), sendJson(res, 200, { ok: true }), true);
  }
  if (p === ROUTES.settings) {
    const s = need(b.settings, 'settings');
    if (m === 'GET') return (sendJson(res, 200, s.get()), true);
    if (m === 'PUT')
      return (sendJson(res, 200, await s.set(parse(settingsPatchSchema, await json(req)))), true);
  }
  if (p === ROUTES.watchFailed && m === 'GET')
    return (sendJson(res, 200, await need(b.watch, 'watching').failed(limitOf(url))), true);
  const retryId = tail(ROUTES.watchRetry);
  if (retryId !== null && m === 'POST')
    return (await need(b.watch, 'watching').retry(retryId), sendJson(res, 200, { ok: true }), true);
  if (p === ROUTES.watchBatch && m === 'POST') {
    const body = parse(watchAdd, await json(req));
    return (sendJson(res, 202, await need(b.watch, 'watching').startBatch(body.dir, body.options)), true);
  }
  const batchId = tail(ROUTES.watchBatch);
  if (batchId !== null && m === 'POST') {
    const ok = need(b.watch, 'watching').batchControl(batchId, parse(batchAction, await json(req)).action);
    if (!ok) throw new LanternError('NOT_FOUND', `no running batch ${batchId}`);
    return (sendJson(res, 200, { ok }), true);
  }
  if (p === ROUTES.watch) {
    const w = need(b.watch, 'watching');
    if (m === 'GET') return (sendJson(res, 200, await w.list()), true);
    if (m === 'POST') {
      const body = parse(watchAdd, await json(req));
      return (sendJson(res, 201, await w.add(body.dir, body.options)), true);
    }
  }
  const folderId = tail(ROUTES.watch);
  if (folderId !== null) {
    const w = need(b.watch, 'watching');
    if (m === 'DELETE') return (await w.remove(folderId), sendJson(res, 200, { ok: true }), true);
    if (m === 'PUT')
      return (
        sendJson(res, 200, await w.setEnabled(folderId, parse(watchEnable, await json(req)).enabled)),
        true
      );
  }
  return false;
}
