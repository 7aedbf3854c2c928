import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PixelPool } from '../../app/engine/pixel-pool';

test('the pool lends the smallest buffer that holds a page, and a new one when none does', () => {
  const pool = new PixelPool();
  const a = new SharedArrayBuffer(1000);
  const b = new SharedArrayBuffer(4000);
  pool.give([a, b]);
  assert.deepEqual(pool.sizes, [4000, 1000]);
  const v = pool.take(900);
  assert.equal(v.buffer, a, 'best fit: the 1000-byte buffer');
  assert.deepEqual([v.byteOffset, v.length], [0, 900], 'a view of exactly the asked length');
  assert.equal(pool.take(2000).buffer, b);
  const x = pool.take(10);
  assert.ok(
    x.buffer instanceof SharedArrayBuffer && x.buffer !== a && x.buffer.byteLength === 10,
    'empty: a new one',
  );
  assert.deepEqual(pool.sizes, []);
});

test('the pool stays within its bounds and keeps a buffer once', () => {
  const pool = new PixelPool(2, 5000);
  const big = new SharedArrayBuffer(4000);
  pool.give([new SharedArrayBuffer(100), big, new SharedArrayBuffer(2000), big]);
  assert.deepEqual(pool.sizes, [4000, 100], 'two buffers at most, 5000 bytes at most, the largest first');
  pool.give([big]);
  assert.deepEqual(pool.sizes, [4000, 100], 'a buffer already pooled is not added again');
  pool.give([new SharedArrayBuffer(6000)]);
  assert.deepEqual(pool.sizes, [4000, 100], 'a buffer over the byte bound is dropped');
  pool.give([new SharedArrayBuffer(300)]);
  assert.deepEqual(pool.sizes, [4000, 300], 'a larger buffer takes the place of a smaller one');
});

test('reserved buffers are pooled from the start and lent like any other', () => {
  const pool = new PixelPool();
  pool.reserve([3000, 1000]);
  assert.deepEqual(pool.sizes, [3000, 1000]);
  const v = pool.take(1500);
  assert.equal(v.buffer.byteLength, 3000);
  assert.ok(
    v.every((x) => x === 0),
    'zeroed',
  );
});

test('without SharedArrayBuffer the pool lends plain buffers of their own and reserves nothing', () => {
  const shared = Object.getOwnPropertyDescriptor(globalThis, 'SharedArrayBuffer')!;
  Reflect.deleteProperty(globalThis, 'SharedArrayBuffer');
  try {
    const pool = new PixelPool();
    pool.reserve([1000]);
    assert.deepEqual(pool.sizes, []);
    const v = pool.take(100);
    assert.ok(v.buffer instanceof ArrayBuffer && v.buffer.byteLength === 100);
  } finally {
    Object.defineProperty(globalThis, 'SharedArrayBuffer', shared);
  }
});
