import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { localDocuments, type DocumentReader } from '../../app/documents/document-reader';
import { fixture } from '../helpers/fixtures';
import { startStack, TOKEN, until } from '../helpers/http';
import { img2pdf } from '../helpers/pdf-fixtures';
import { tempFolder } from '../helpers/temp-folder';

const auth = { authorization: `Bearer ${TOKEN}` };
const dir = tempFolder('lantern-http-cancel-');

/** Resolves when `signal` aborts. */
const aborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) =>
    signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true }),
  );

// The real document reader, held after page 1: once page 1's engine job is done, every later page waits before it is
// sent to the engine (as while it renders), so no engine job carries the request's id until its signal aborts or the
// test lets it go. (The reader sends the next page ahead, so page 2 may be held while page 1 still runs.)
let inGap: () => void = () => undefined;
const reachedGap = new Promise<void>((resolve) => (inGap = resolve));
let letGo: () => void = () => undefined;
const released = new Promise<void>((resolve) => (letGo = resolve));
const held: DocumentReader = {
  ...localDocuments,
  recognize: (source, opts) => {
    let calls = 0;
    let [firstDone, waiting] = [false, false];
    const check = () => firstDone && waiting && inGap();
    const stop = Promise.race([released, opts.signal ? aborted(opts.signal) : released]);
    return localDocuments.recognize(source, {
      ...opts,
      ocr: async (page) => {
        if (++calls === 1) {
          const r = await opts.ocr(page);
          firstDone = true;
          check();
          return r;
        }
        waiting = true;
        check();
        await stop;
        return opts.ocr(page);
      },
    });
  },
};

let stack: Awaited<ReturnType<typeof startStack>>;
before(async () => {
  stack = await startStack({}, { documents: held });
  await until(async () => (await fetch(`${stack.base}/ready`)).status === 200, 60000);
});
after(async () => {
  letGo();
  await stack.stop();
});

test('/api/cancel/:id stops a document between its pages, where no engine job has its id', async () => {
  const pdf = readFileSync(
    img2pdf(Array<string>(4).fill(fixture('plate_000.jpg')), path.join(dir, 'four.pdf')),
  );
  const reading = fetch(`${stack.base}/ocr`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/pdf', 'x-request-id': 'doc-between' },
    body: pdf,
  });
  await reachedGap;
  try {
    const cancel = await fetch(`${stack.base}/api/cancel/doc-between`, { method: 'POST', headers: auth });
    assert.deepEqual(await cancel.json(), { cancelled: true });
  } finally {
    letGo();
  }
  const res = await reading;
  const body = (await res.json()) as { error?: { code: string; message: string } };
  assert.equal(body.error?.code, 'CANCELLED', JSON.stringify(body));
  // Its client is still there: the answer says who cancelled it, not that the client went away.
  assert.match(body.error.message, /api\/cancel\/doc-between/);
  // The engine is unharmed: the next request is read.
  const next = await fetch(`${stack.base}/ocr`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'image/jpeg' },
    body: readFileSync(fixture('plate_000.jpg')),
  });
  assert.equal(next.status, 200);
  // Done requests are forgotten: cancelling it again finds nothing.
  const again = await fetch(`${stack.base}/api/cancel/doc-between`, { method: 'POST', headers: auth });
  assert.deepEqual(await again.json(), { cancelled: false });
});
