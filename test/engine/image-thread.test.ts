import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { after, before, test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import { ImageThread } from '../../app/engine/image-thread-client';
import { defaultEnginePath } from '../../app/engine/node-launcher';
import { decodeImage, resizeRgb } from '../../app/ocr/decode';
import { fixture } from '../helpers/fixtures';

// The bundled thread the engine worker starts (built by `npm run build`, like dist/node/engine.mjs).
const entry = pathToFileURL(path.join(path.dirname(defaultEnginePath()), 'image-thread.mjs'));
let thread: ImageThread;
before(() => {
  thread = ImageThread.start(entry);
});
after(() => thread.terminate());

test('decode and resize on the image thread give the pixels they give in-process; decoded pixels are shared', async () => {
  const bytes = await readFile(fixture('sroie_006.jpg'));
  const [there, here] = await Promise.all([thread.decode(bytes), decodeImage(bytes)]);
  assert.equal(there.width, here.width);
  assert.equal(there.height, here.height);
  assert.ok(there.data.buffer instanceof SharedArrayBuffer, 'decoded pixels come back in shared memory');
  assert.deepEqual(Buffer.from(there.data), Buffer.from(here.data));
  const [small, smallHere] = await Promise.all([thread.resize(there, 224, 576), resizeRgb(here, 224, 576)]);
  assert.equal(small.width * small.height * 3, small.data.length);
  assert.deepEqual(Buffer.from(small.data), Buffer.from(smallHere.data));
  assert.equal(await thread.resize(there, there.width, there.height), there, 'same size: no round trip');
  const page = await thread.warmupPage();
  assert.deepEqual((await decodeImage(page)).width, 960);
});

test('bad input fails that call with its code, and the thread goes on', async () => {
  await assert.rejects(
    thread.decode(new TextEncoder().encode('not an image')),
    (e: unknown) => e instanceof LanternError && e.code === 'BAD_IMAGE',
  );
  await assert.rejects(
    thread.decode(new Uint8Array(0)),
    (e: unknown) => e instanceof LanternError && e.code === 'EMPTY_INPUT',
  );
  const ok = await thread.decode(await readFile(fixture('plate_000.jpg')));
  assert.ok(ok.width > 0);
});

test('a thread that dies fails what it had in flight and every later call, and tells its owner', async () => {
  const deaths: string[] = [];
  const doomed = ImageThread.start(entry, (err) => deaths.push(err.message));
  const inFlight = doomed.decode(await readFile(fixture('sroie_006.jpg')));
  // A crash, as the owner sees one: the thread ends without terminate() being asked for.
  await (doomed as unknown as { worker: Worker }).worker.terminate();
  await assert.rejects(inFlight, (e: unknown) => e instanceof LanternError && /image thread/.test(e.message));
  await assert.rejects(doomed.decode(new Uint8Array([1])), /image thread: exited/);
  assert.equal(deaths.length, 1);
  assert.match(deaths[0]!, /^exited with code \d+$/);
  // Stopping it on purpose is not a death.
  const stopped = ImageThread.start(entry, (err) => deaths.push(err.message));
  await stopped.terminate();
  assert.equal(deaths.length, 1);
});
