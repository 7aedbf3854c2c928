/**
 * A large PNG cut short is decoded as it streams, like a whole one (docs/memory.md): its rows past the cut are blanked
 * as libvips reads them, not on a copy of the picture at full resolution. Measured as this process's peak memory.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeWorking } from '../../app/ocr/decode';
import { HUGE_SIDE, hugePage, procMemory } from '../helpers/huge-page';

/** A copy of the picture's pixels at full resolution (RGB, MiB): the decode adds less to the peak than one. */
const COPY_MIB = (HUGE_SIDE * HUGE_SIDE * 3) / 2 ** 20;

test(
  'a 100-megapixel PNG cut short is decoded as it streams: no copy of it at full resolution',
  { skip: process.platform !== 'linux' && 'reads /proc' },
  async () => {
    // The last bytes of its image data and its end are missing: the rows past the cut (blank paper) are made blank.
    const whole = await hugePage();
    const cut = whole.subarray(0, whole.length - 200);
    const before = await procMemory(process.pid);
    const decoded = await decodeWorking(cut);
    const after = await procMemory(process.pid);
    assert.equal(decoded.truncated, true);
    assert.deepEqual(decoded.source, { width: HUGE_SIDE, height: HUGE_SIDE });
    const rise = after.hwm - before.hwm;
    assert.ok(rise < COPY_MIB, `peak ${Math.round(before.hwm)} → ${Math.round(after.hwm)} MiB`);
  },
);
