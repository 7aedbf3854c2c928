/**
 * Memory is bounded by design (docs/memory.md): a real 100-megapixel page through a real engine process stays under
 * the peak the deployment's limits are sized for and gives its memory back. Bounds are memory figures with wide
 * margins (measured figures in docs/memory.md), so a loaded machine does not change the verdict.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import sharp from 'sharp';
import { HUGE_LINES, HUGE_SIDE, hugePage, procMemory } from '../helpers/huge-page';
import { makeHost, stopHosts, waitForState } from '../helpers/engine';

after(stopHosts);

/**
 * The engine's memory once what a big page left behind has been collected. The image thread frees a page's decode
 * buffers by a collection it runs after answering, which a busy machine may run after the worker has answered the next
 * request: so memory is read again until it is back within `retainedMib` of `base` (or `guardMs` have passed, when the
 * last reading is the verdict).
 */
async function settledMemory(pid: number, base: number, retainedMib: number, guardMs = 60_000) {
  const end = Date.now() + guardMs;
  for (;;) {
    const m = await procMemory(pid);
    if (m.rss - base <= retainedMib || Date.now() > end) return m;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The engine's peak resident memory (VmHWM) may not pass this (MiB). */
const PEAK_MIB = 800;
/** Resident memory after the page may exceed resident memory at ready by at most this (MiB). */
const RETAINED_MIB = 300;
/** ... after a blank one, whose finer pass leaves the allocator's heap larger (docs/memory.md). */
const BLANK_RETAINED_MIB = 450;

test(
  'a 100-megapixel page: read at its working size, boxes in its own pixels, peak and retained memory bounded',
  {
    skip: process.platform !== 'linux' && 'reads /proc',
  },
  async () => {
    const bytes = await hugePage();
    const { host } = makeHost();
    host.start();
    const ready = await waitForState(host, 'ready');
    const base = await procMemory(ready.pid!);
    const result = await host.recognize({ kind: 'bytes', name: 'huge.png', bytes });
    assert.equal(result.width, HUGE_SIDE);
    assert.equal(result.height, HUGE_SIDE);
    const squeezed = (t: string) => t.replace(/\s+/gu, '');
    assert.deepEqual(
      result.lines.map((l) => squeezed(l.text)),
      HUGE_LINES.map(squeezed),
    );
    // The first line is drawn from x = 400 with a 300-px font: its box is in the source's pixels, not the working copy's.
    const [[x0, y0], , [x2, y2]] = result.lines[0]!.box;
    assert.ok(
      x0 > 300 && x0 < 500 && x2 > 3000 && y0 > 400 && y2 < 800,
      JSON.stringify(result.lines[0]!.box),
    );
    // A small request after it, then the collections that follow a big page (the image thread's may come later).
    assert.equal((await host.selfTest()).ok, true);
    const end = await settledMemory(ready.pid!, base.rss, RETAINED_MIB);
    const figures = `ready ${Math.round(base.rss)} MiB, peak ${Math.round(end.hwm)} MiB, after ${Math.round(end.rss)} MiB`;
    assert.ok(end.hwm <= PEAK_MIB, `peak over ${PEAK_MIB} MiB: ${figures}`);
    assert.ok(end.rss - base.rss <= RETAINED_MIB, `more than ${RETAINED_MIB} MiB kept: ${figures}`);
  },
);

test(
  'a blank 100-megapixel page: the finer pass that finds nothing stays under the same peak and gives its memory back',
  { skip: process.platform !== 'linux' && 'reads /proc' },
  async () => {
    // No text at the first pass sends the page to a finer one (fine-scale.ts), the largest detector input there is.
    const bytes = new Uint8Array(
      await sharp({ create: { width: HUGE_SIDE, height: HUGE_SIDE, channels: 3, background: '#ffffff' } })
        .png()
        .toBuffer(),
    );
    const { host } = makeHost();
    host.start();
    const ready = await waitForState(host, 'ready');
    const base = await procMemory(ready.pid!);
    const result = await host.recognize({ kind: 'bytes', name: 'blank.png', bytes });
    assert.deepEqual(result.lines, []);
    assert.equal((await host.selfTest()).ok, true);
    const end = await settledMemory(ready.pid!, base.rss, BLANK_RETAINED_MIB);
    const figures = `ready ${Math.round(base.rss)} MiB, peak ${Math.round(end.hwm)} MiB, after ${Math.round(end.rss)} MiB`;
    assert.ok(end.hwm <= PEAK_MIB, `peak over ${PEAK_MIB} MiB: ${figures}`);
    assert.ok(
      end.rss - base.rss <= BLANK_RETAINED_MIB,
      `more than ${BLANK_RETAINED_MIB} MiB kept: ${figures}`,
    );
  },
);
