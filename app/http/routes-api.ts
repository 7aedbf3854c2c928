/** The `/api/*` handlers of the web transport: status, retry, prewarm, cancel, history, settings, watch. */
import { LanternError } from '../contracts/errors';
import type { HttpOperationName } from '../contracts/http-api';
import { statusAt } from '../engine/status-text';
import type { HttpBackend } from './backend';
import type { RequestCancels } from './request-cancels';
import type { RouteHandlers } from './route-table';

function need<T>(service: T | undefined, what: string): T {
  if (!service) throw new LanternError('NOT_FOUND', `${what} is not available in this mode`);
  return service;
}

type ApiName = Exclude<
  HttpOperationName,
  'health' | 'ready' | 'metrics' | 'favicon' | 'home' | 'ocr' | 'events' | 'pageImage' | 'searchablePdf'
>;

/** The handlers of every /api operation over a backend. */
export function apiHandlers(b: HttpBackend, requests: RequestCancels): Pick<RouteHandlers, ApiName> {
  const ok = { ok: true } as const;
  return {
    // Worded at answer time: a status published a while ago would say the wait it began with.
    status: () => statusAt(b.engine.status, Date.now()),
    retry: () => (b.engine.retry(), statusAt(b.engine.status, Date.now())),
    prewarm: (_, __, reply) => (b.engine.prewarm(), reply.code(202), ok),
    cancel: ({ params }) => {
      // Both: the engine's job running now, and the request itself (a document between its pages).
      const job = b.engine.cancel(params.id);
      const request = requests.cancel(params.id);
      return { cancelled: job || request };
    },
    historyList: ({ query }) => need(b.history, 'history').list(query.limit),
    historyClear: async () => (await need(b.history, 'history').clear(), ok),
    historyRemove: async ({ params }) => (await need(b.history, 'history').remove(params.id), ok),
    settingsGet: () => need(b.settings, 'settings').get(),
    settingsSet: ({ body }) => need(b.settings, 'settings').set(body),
    watchList: () => need(b.watch, 'watching').list(),
    watchAdd: async ({ body }, _, reply) => {
      const folder = await need(b.watch, 'watching').add(body.dir, body.options);
      reply.code(201);
      return folder;
    },
    watchRemove: async ({ params }) => (await need(b.watch, 'watching').remove(params.id), ok),
    watchEnable: ({ params, body }) => need(b.watch, 'watching').setEnabled(params.id, body.enabled),
    watchFailed: ({ query }) => need(b.watch, 'watching').failed(query.limit),
    watchRetry: async ({ params }) => (await need(b.watch, 'watching').retry(params.id), ok),
    watchBatch: async ({ body }, _, reply) => {
      const started = await need(b.watch, 'watching').startBatch(body.dir, body.options);
      reply.code(202);
      return started;
    },
    watchBatches: () => need(b.watch, 'watching').batches(),
    watchLedger: () => need(b.watch, 'watching').ledgerStatus(),
    batchControl: ({ params, body }) => {
      if (!need(b.watch, 'watching').batchControl(params.id, body.action))
        throw new LanternError('NOT_FOUND', `no running batch ${params.id}`);
      return { ok: true };
    },
  };
}
