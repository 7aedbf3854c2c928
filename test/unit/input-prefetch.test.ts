import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputPrefetch } from '../../app/engine/input-prefetch';

/** A prepare() whose calls are recorded and resolved by hand. */
function manual() {
  const calls: string[] = [];
  const pending = new Map<string, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  const prepare = (req: { id: string }) =>
    new Promise<string>((resolve, reject) => {
      calls.push(req.id);
      pending.set(req.id, { resolve, reject });
    });
  return { calls, pending, prefetch: new InputPrefetch(prepare) };
}

test('the next request is prepared while the current one runs, and taken without preparing it twice', async () => {
  const { calls, pending, prefetch } = manual();
  const a = prefetch.take({ id: 'a' });
  prefetch.offer({ id: 'b' });
  assert.deepEqual(calls, ['a', 'b'], 'b starts before a has finished');
  prefetch.offer({ id: 'c' });
  assert.deepEqual(calls, ['a', 'b'], 'only one request is held ahead');
  pending.get('b')!.resolve('B');
  pending.get('a')!.resolve('A');
  assert.equal(await a, 'A');
  assert.equal(await prefetch.take({ id: 'b' }), 'B');
  assert.equal(prefetch.heldId, undefined);
  assert.deepEqual(calls, ['a', 'b']);
});

test('a failed prefetch fails only its own request, when taken', async () => {
  const { pending, prefetch } = manual();
  prefetch.offer({ id: 'bad' });
  pending.get('bad')!.reject(new Error('not a readable image'));
  await new Promise((r) => setImmediate(r)); // no unhandled rejection before it is taken
  await assert.rejects(prefetch.take({ id: 'bad' }), /not a readable image/);
  const next = prefetch.take({ id: 'ok' });
  pending.get('ok')!.resolve('fine');
  assert.equal(await next, 'fine');
});

test('a cancelled request is dropped, and the next one is prepared instead', () => {
  const { calls, prefetch } = manual();
  prefetch.offer({ id: 'x' });
  prefetch.drop('x');
  assert.equal(prefetch.heldId, undefined);
  prefetch.offer({ id: 'y' });
  assert.equal(prefetch.heldId, 'y');
  prefetch.drop('other');
  assert.equal(prefetch.heldId, 'y');
  assert.deepEqual(calls, ['x', 'y']);
});
