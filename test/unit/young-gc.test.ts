import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { youngCollector } from '../../app/engine/young-gc';
import { decodeImage } from '../../app/ocr/decode';
import { fixture } from '../helpers/fixtures';

const tick = () => new Promise((r) => setImmediate(r));

test('youngCollector frees dropped sharp decodes as the image thread uses it, without exposing gc globally', async () => {
  const collect = youngCollector();
  assert.equal(typeof (globalThis as { gc?: unknown }).gc, 'undefined', 'gc stays off the global object');
  const bytes = await readFile(fixture('sroie_006.jpg'));
  const freed = new Set<number>();
  const registry = new FinalizationRegistry<number>((n) => freed.add(n));
  // As on the image thread: decode, hand the pixels on (here: drop them), collect, next request.
  for (let n = 1; n <= 3; n++) {
    const img = await decodeImage(bytes);
    assert.ok(img.data.length > 1_000_000, 'a real page-sized buffer');
    registry.register(img.data.buffer, n);
    collect();
    await tick();
  }
  // A collection V8 runs on its own while a decode is still held can move that buffer to the old generation, which
  // young collections leave alone (a busy machine makes that likelier); the next dropped decode is then freed instead.
  const dropped = () => freed.has(1) || freed.has(2);
  for (let i = 0; i < 20 && !dropped(); i++) {
    collect();
    await tick();
  }
  assert.ok(dropped(), `a dropped decode's buffer was freed (freed: ${[...freed].join(', ') || 'none'})`);
});
