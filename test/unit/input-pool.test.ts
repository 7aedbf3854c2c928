import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withInputBuffer } from '../../app/ocr/input-pool';

test('a buffer is reused by the next request, zeroed when asked, and the requested length exactly', async () => {
  let first: Float32Array | undefined;
  await withInputBuffer(1000, true, async (a) => {
    assert.equal(a.length, 1000);
    a.fill(7);
    first = a;
  });
  await withInputBuffer(900, true, async (b) => {
    assert.equal(b.length, 900);
    assert.equal(b.buffer, first!.buffer, 'same memory as before');
    assert.ok(
      b.every((v) => v === 0),
      'zeroed',
    );
    b.fill(3);
  });
  await withInputBuffer(900, false, async (c) => {
    assert.equal(c.buffer, first!.buffer);
    assert.equal(c[0], 3, 'left as it was when zeroing is not asked for');
  });
});

test('requests in flight at the same time never share a buffer, and a failure still gives it back', async () => {
  const seen: ArrayBufferLike[] = [];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const held = withInputBuffer(500, true, async (a) => {
    seen.push(a.buffer);
    await gate;
  });
  await withInputBuffer(500, true, async (b) => {
    seen.push(b.buffer);
  });
  release();
  await held;
  assert.notEqual(seen[0], seen[1]);
  await assert.rejects(
    withInputBuffer(500, true, async () => {
      throw new Error('model failed');
    }),
    /model failed/,
  );
  await withInputBuffer(500, true, async (c) =>
    assert.ok(seen.includes(c.buffer), 'a pooled buffer came back'),
  );
});
