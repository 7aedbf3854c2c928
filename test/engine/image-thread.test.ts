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
import { detInputSize } from '../../app/ocr/det-size';
import { localImageOps } from '../../app/ocr/image-ops';
import type { RgbImage } from '../../app/ocr/types';
import { fixture } from '../helpers/fixtures';

// The bundled thread the engine worker starts (built by `npm run build`, like dist/node/engine.mjs).
const entry = pathToFileURL(path.join(path.dirname(defaultEnginePath()), 'image-thread.mjs'));
let thread: ImageThread;
/** Whether an image's pixels are a whole ArrayBuffer of their own (what a transfer hands over; a copy into shared
 * memory or a slice of a pool would not be). */
const ownsWholeBuffer = (img: RgbImage) =>
  img.data.buffer instanceof ArrayBuffer &&
  img.data.byteOffset === 0 &&
  img.data.byteLength === img.data.buffer.byteLength;
before(() => {
  thread = ImageThread.start(entry);
});
after(() => thread.terminate());

test('decode and resize on the image thread give the pixels they give in-process; decoded pixels are moved, not copied', async () => {
  const bytes = await readFile(fixture('sroie_006.jpg'));
  const [there, here] = await Promise.all([thread.decode(bytes), decodeImage(bytes)]);
  assert.equal(there.width, here.width);
  assert.equal(there.height, here.height);
  assert.ok(ownsWholeBuffer(there), 'the decoded pixels arrive as their own transferred buffer');
  assert.deepEqual(Buffer.from(there.data), Buffer.from(here.data));
  const [small, smallHere] = await Promise.all([thread.resize(there, 224, 576), resizeRgb(here, 224, 576)]);
  assert.equal(small.width * small.height * 3, small.data.length);
  assert.deepEqual(Buffer.from(small.data), Buffer.from(smallHere.data));
  assert.equal(await thread.resize(there, there.width, there.height), there, 'same size: no round trip');
  const page = await thread.warmupPage();
  assert.deepEqual((await decodeImage(page)).width, 960);
});

test('decodePage gives, in one round trip, the image and the detector input the pipeline makes in-process', async () => {
  const limit = { limitSideLen: 960, limitType: 'max' } as const;
  const inputs: [string, Uint8Array][] = [
    ['sroie_006.jpg', await readFile(fixture('sroie_006.jpg'))],
    ['plate_000.jpg', await readFile(fixture('plate_000.jpg'))],
    // 960 x 352: already the detector's size, so the page's two images are one (and its buffer moves once).
    ['warm-up page', await thread.warmupPage()],
  ];
  for (const [name, bytes] of inputs) {
    const [there, here] = await Promise.all([
      thread.decodePage(bytes, limit),
      localImageOps.decodePage(bytes, limit),
    ]);
    const size = detInputSize(here.image.width, here.image.height, limit);
    assert.deepEqual([there.detInput.width, there.detInput.height], [size.w, size.h], name);
    assert.deepEqual(Buffer.from(there.image.data), Buffer.from(here.image.data), name);
    assert.deepEqual(Buffer.from(there.detInput.data), Buffer.from(here.detInput.data), name);
    assert.ok(
      there.image.data.buffer instanceof SharedArrayBuffer &&
        there.detInput.data.buffer instanceof SharedArrayBuffer,
      `${name}: both in shared (pooled) buffers`,
    );
    assert.equal(
      there.detInput === there.image,
      here.detInput === here.image,
      `${name}: same image iff same size`,
    );
  }
  await assert.rejects(
    thread.decodePage(new TextEncoder().encode('not an image'), limit),
    (e: unknown) => e instanceof LanternError && e.code === 'BAD_IMAGE',
  );
});

test('a released page goes back to the thread, and the next page is copied into its buffers', async () => {
  const limit = { limitSideLen: 960, limitType: 'max' } as const;
  const own = ImageThread.start(entry);
  try {
    const receipt = await own.decodePage(await readFile(fixture('sroie_006.jpg')), limit);
    own.release(receipt);
    const plateBytes = await readFile(fixture('plate_000.jpg'));
    const [plate, here] = await Promise.all([
      own.decodePage(plateBytes, limit),
      localImageOps.decodePage(plateBytes, limit),
    ]);
    assert.deepEqual(
      Buffer.from(plate.image.data),
      Buffer.from(here.image.data),
      'same pixels in a larger buffer',
    );
    assert.deepEqual(Buffer.from(plate.detInput.data), Buffer.from(here.detInput.data));
    // The plate landed in the receipt's memory: the receipt's (released) views now show the plate's pixels.
    const lent = [receipt.image.data.buffer, receipt.detInput.data.buffer];
    for (const view of [plate.image.data, plate.detInput.data]) {
      const reused = lent.find((b) => b.byteLength === view.buffer.byteLength);
      assert.ok(reused, "the plate is carried by one of the receipt's buffers");
      assert.deepEqual(Buffer.from(new Uint8Array(reused, 0, view.length)), Buffer.from(view));
    }
  } finally {
    await own.terminate();
  }
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
