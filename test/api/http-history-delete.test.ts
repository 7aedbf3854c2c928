/** DELETE /api/history/:id against a real `serve`: one entry goes, the others stay, and what is gone answers 404. */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { HistoryEntry } from '../../app/contracts/lantern-api';
import { startServe, type ServeHandle } from '../e2e/serve-process';
import { fixture } from '../helpers/fixtures';

let s: ServeHandle;

before(async () => {
  s = await startServe();
  await s.waitReady();
});
after(() => s.stop());

const auth = () => ({ authorization: `Bearer ${s.token}` });
const call = (method: string, path: string, headers: Record<string, string> = auth()) =>
  fetch(`${s.origin}${path}`, { method, headers });
const codeOf = async (res: Response) => [
  res.status,
  ((await res.json()) as { error: { code: string } }).error.code,
];
const names = async () =>
  ((await (await call('GET', '/api/history')).json()) as HistoryEntry[]).map((e) => [e.id, e.name]);

async function recognise(name: string): Promise<void> {
  const res = await fetch(`${s.origin}/ocr`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'image/jpeg', 'x-file-name': name },
    body: new Uint8Array(await readFile(fixture(name))),
  });
  assert.equal(res.status, 200, await res.clone().text());
}

test('DELETE /api/history/:id deletes that entry only; again, or an id never given, is 404 NOT_FOUND', async () => {
  await recognise('plate_000.jpg');
  await recognise('plate_003.jpg');
  const before = await names();
  assert.deepEqual(
    before.map(([, n]) => n),
    ['plate_003.jpg', 'plate_000.jpg'],
  );
  const [[newest], [oldest]] = before as [[string, string], [string, string]];

  const res = await call('DELETE', `/api/history/${newest}`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true });
  assert.deepEqual(await names(), [[oldest, 'plate_000.jpg']]);

  assert.deepEqual(await codeOf(await call('DELETE', `/api/history/${newest}`)), [404, 'NOT_FOUND']);
  assert.deepEqual(await codeOf(await call('DELETE', '/api/history/no-such-entry')), [404, 'NOT_FOUND']);
  assert.deepEqual(await names(), [[oldest, 'plate_000.jpg']]);
});

test('DELETE /api/history/:id needs the token, and refuses an id that is not one', async () => {
  await recognise('plate_000.jpg');
  const [[id]] = (await names()) as [[string]];
  assert.deepEqual(await codeOf(await call('DELETE', `/api/history/${id}`, {})), [401, 'UNAUTHORIZED']);
  assert.deepEqual(
    await codeOf(await call('DELETE', `/api/history/${id}`, { authorization: 'Bearer wrong' })),
    [401, 'UNAUTHORIZED'],
  );
  assert.deepEqual(await codeOf(await call('DELETE', `/api/history/a%20b`)), [400, 'BAD_REQUEST']);
  assert.ok(
    (await names()).some(([x]) => x === id),
    'the entry is still there',
  );
});
