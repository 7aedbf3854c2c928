/** The web transport's connection: the /events hub's states and retries, and a request that got no answer. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LanternError } from '../../app/contracts/errors';
import type { ConnectionState } from '../../app/contracts/lantern-api';
import { EventHub } from '../../renderer/src/transport/event-hub';
import { createWebTransport } from '../../renderer/src/transport/web-transport';

/** An EventSource the test drives: `answer` fires what the browser would fire. */
class FakeSource extends EventTarget {
  readyState = 0;
  closed = false;
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  /** The stream opened and sent its first status. */
  opened(state = 'ready'): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
    this.dispatchEvent(new MessageEvent('status', { data: JSON.stringify({ state }) }));
  }
  /** No answer (the browser will retry: CONNECTING) or an answer that is not the stream (given up: CLOSED). */
  failed(givenUp: boolean): void {
    this.readyState = givenUp ? 2 : 0;
    this.dispatchEvent(new Event('error'));
  }
}

/** A hub over fake sources, with every state it reported and a way to wait for the next one. */
function hub(unauthorized: () => Promise<boolean>) {
  const sources: FakeSource[] = [];
  const states: ConnectionState[] = [];
  const statuses: string[] = [];
  let opened: (() => void) | null = null;
  let moved: (() => void) | null = null;
  const h = new EventHub({
    open: () => {
      sources.push(new FakeSource());
      opened?.();
      return sources.at(-1) as unknown as EventSource;
    },
    unauthorized,
    retryDelayMs: () => 0,
  });
  const offConnection = h.onConnection((s) => {
    states.push(s);
    moved?.();
  });
  const offStatus = h.on('status', (s) => statuses.push(s.state));
  return {
    h,
    sources,
    states,
    statuses,
    off: () => (offConnection(), offStatus()),
    nextSource: () => new Promise<void>((r) => (opened = r)),
    nextState: () => new Promise<void>((r) => (moved = r)),
  };
}

/** The browser gives source `i` up; resolves once the hub opened another source, or reported another state. */
async function giveUp(t: ReturnType<typeof hub>, i: number, until: 'source' | 'state'): Promise<void> {
  const next = until === 'source' ? t.nextSource() : t.nextState();
  t.sources[i]!.failed(true);
  await next;
}

/** Lets timers due now run (the hub's retry delay is 0 here). */
const tick = () => new Promise((r) => setTimeout(r, 5));

test('a dropped stream reads reconnecting while the browser retries it, and connected again when it opens', async () => {
  const probes: string[] = [];
  const t = hub(async () => (probes.push('asked'), false));
  assert.deepEqual(t.states, ['connected']);
  t.sources[0]!.opened();
  t.sources[0]!.failed(false);
  t.sources[0]!.failed(false);
  assert.deepEqual(t.states, ['connected', 'reconnecting']);
  t.sources[0]!.opened('busy');
  assert.deepEqual(t.states, ['connected', 'reconnecting', 'connected']);
  assert.deepEqual(t.statuses, ['ready', 'busy']);
  assert.equal(t.sources.length, 1, 'the browser reconnects that one source itself');
  assert.deepEqual(probes, []);
  t.off();
  assert.equal(t.sources[0]!.closed, true);
});

test('a stream the browser gave up (a 503 while serve stops) is opened again, and connected once the server answers', async () => {
  const t = hub(async () => false);
  t.sources[0]!.opened();
  await giveUp(t, 0, 'source');
  assert.deepEqual(t.states, ['connected', 'reconnecting']);
  // The second try gets no answer either, and is given up too: the hub keeps trying.
  await giveUp(t, 1, 'source');
  t.sources[2]!.opened();
  assert.deepEqual(t.states, ['connected', 'reconnecting', 'connected']);
  assert.equal(t.sources.length, 3);
  t.off();
});

test('a question that gets no answer either counts as the server being away, not as a wrong token', async () => {
  const t = hub(() => Promise.reject(new TypeError('Failed to fetch')));
  await giveUp(t, 0, 'source');
  assert.deepEqual(t.states, ['connected', 'reconnecting']);
  t.off();
});

test('a 401 expires the session: the stream stays closed and no one reopens it', async () => {
  const t = hub(async () => true);
  t.sources[0]!.opened();
  await giveUp(t, 0, 'state');
  assert.deepEqual(t.states, ['connected', 'expired']);
  await tick();
  assert.equal(t.sources.length, 1, 'no stream is opened again');
  // A later subscriber hears that it expired, and opens nothing either.
  const heard: ConnectionState[] = [];
  const offLate = t.h.onConnection((s) => heard.push(s));
  const offWatch = t.h.on('watch', () => undefined);
  assert.deepEqual(heard, ['expired']);
  assert.equal(t.sources.length, 1);
  offLate();
  offWatch();
  t.off();
});

test('when everyone unsubscribes while a retry waits, nothing is opened again', async () => {
  const t = hub(async () => false);
  await giveUp(t, 0, 'state');
  t.off();
  await tick();
  assert.equal(t.sources.length, 1);
});

test('a request that gets no answer fails SERVER_UNREACHABLE, naming the request; an answer keeps its own code', async () => {
  const api = createWebTransport({
    fetch: async (url) => {
      if (String(url).startsWith('/api/settings'))
        return Response.json(
          { error: { code: 'UNAUTHORIZED', message: 'missing or wrong token' } },
          { status: 401 },
        );
      throw new TypeError('Failed to fetch');
    },
  });
  await assert.rejects(api.recognize({ name: 'a.png', bytes: new Uint8Array([1]) }), (e: LanternError) => {
    assert.equal(e.code, 'SERVER_UNREACHABLE');
    assert.match(e.message, /^POST \/ocr(\?\S*)? got no answer \(Failed to fetch\)$/);
    return true;
  });
  await assert.rejects(api.getStatus(), { code: 'SERVER_UNREACHABLE' });
  await assert.rejects(api.settings.get(), { code: 'UNAUTHORIZED' });
});

test('an expired page that comes back into view asks again, and reconnects once the token is good again', async () => {
  let refused = true;
  const t = hub(async () => refused);
  t.sources[0]!.opened();
  await giveUp(t, 0, 'state');
  assert.deepEqual(t.states, ['connected', 'expired']);
  // Still the old token: it stays expired, and opens nothing.
  t.h.recheck();
  await tick();
  assert.deepEqual(t.states, ['connected', 'expired']);
  assert.equal(t.sources.length, 1);
  // The URL serve printed was opened in another tab: the cookie is good again.
  refused = false;
  const reopened = t.nextSource();
  t.h.recheck();
  await reopened;
  t.sources[1]!.opened();
  assert.deepEqual(t.states, ['connected', 'expired', 'reconnecting', 'connected']);
  t.off();
});
