/** A request body's bytes without a second copy of them. */

/**
 * The bytes of `buf` as a Uint8Array: a view when the Buffer has its memory to itself (a large body), a copy when it
 * sits in Node's shared pool (a small one, whose pool a transfer would detach). `new Uint8Array(buf)` always copied:
 * one more body-sized buffer per request held.
 */
export function bodyBytes(buf: Buffer): Uint8Array {
  const own = buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength;
  return own ? new Uint8Array(buf.buffer, 0, buf.byteLength) : new Uint8Array(buf);
}
