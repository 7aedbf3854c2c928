/**
 * The memory rule for big images (docs/memory.md): an image of up to MAX_PIXELS is accepted, and one over
 * WORK_PIXELS is decoded straight to a working copy of WORK_PIXELS (same aspect), which is what the pipeline holds
 * and crops from; its boxes are mapped back to the source's pixels. So a page never costs more than one working
 * copy, whatever its size on disk says.
 */

/** Largest image accepted, in pixels (a decompression-bomb guard): larger ones fail with IMAGE_TOO_LARGE. */
export const MAX_PIXELS = 100_000_000;

/**
 * Longest side accepted, in pixels (JPEG's own limit): decoding costs per row as well as per pixel, so an image one pixel
 * wide and millions of rows tall, well under MAX_PIXELS, would take seconds of a core to decode.
 */
export const MAX_SIDE = 65_535;

/** Why an image of `size` is refused (IMAGE_TOO_LARGE's message), or undefined when it is accepted. */
export function sizeRefusal(size: Size, maxPixels = MAX_PIXELS): string | undefined {
  if (size.width * size.height > maxPixels) return `the image is larger than ${maxPixels} pixels`;
  if (Math.max(size.width, size.height) > MAX_SIDE)
    return `the image is ${size.width} × ${size.height} pixels; a side may be at most ${MAX_SIDE}`;
  return undefined;
}

/** Largest image the pipeline holds, in pixels (4000x4000; an A4 page at 400 dpi fits whole). */
export const WORK_PIXELS = 16_000_000;

/** Images above this many pixels decode one at a time (the rest run in parallel on libuv's threads). */
export const LARGE_DECODE_PIXELS = 16_000_000;

/** A size in pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** The working size of an image of `source` size: itself when within `workPixels`, else scaled down to fit. */
export function workingSize(source: Size, workPixels = WORK_PIXELS): Size {
  const pixels = source.width * source.height;
  if (pixels <= workPixels) return source;
  const f = Math.sqrt(workPixels / pixels);
  return {
    width: Math.max(1, Math.floor(source.width * f)),
    height: Math.max(1, Math.floor(source.height * f)),
  };
}

/** A one-slot gate: `run` waits for the runs before it to finish (a FIFO of promises). */
export function oneAtATime(): <T>(run: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const next = tail.then(run, run);
    tail = next.catch(() => undefined); // the caller gets next's failure; the tail only orders runs
    return next;
  };
}
