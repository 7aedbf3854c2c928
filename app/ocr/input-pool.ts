/**
 * Reuses the float buffers that model inputs are written into. A page needs a detector input of tens of megabytes and
 * several recogniser batches; fresh buffers for each would mean page faults on first write and garbage-collector work
 * for every page. A buffer is lent to one caller at a time, so concurrent requests never share one.
 */

/** Buffers kept between uses: the detector's, a recogniser batch's, and room for a second request in flight. */
const KEEP = 4;
/** Allocation granularity (floats): sizes that differ a little between pages reuse the same buffer. */
const STEP = 1 << 18;
const free: Float32Array[] = [];

/** Lends `use` a buffer of `length` floats, zeroed when asked (fresh ones always are), and takes it back after. */
export async function withInputBuffer<T>(
  length: number,
  zeroed: boolean,
  use: (data: Float32Array) => Promise<T>,
): Promise<T> {
  let at = -1;
  for (let i = 0; i < free.length; i++)
    if (free[i]!.length >= length && (at < 0 || free[i]!.length < free[at]!.length)) at = i;
  const buf = at >= 0 ? free.splice(at, 1)[0]! : new Float32Array(Math.ceil(length / STEP) * STEP);
  const data = buf.subarray(0, length);
  if (zeroed && at >= 0) data.fill(0);
  try {
    return await use(data);
  } finally {
    free.push(buf);
    if (free.length > KEEP) {
      free.sort((a, b) => a.length - b.length);
      free.shift();
    }
  }
}
