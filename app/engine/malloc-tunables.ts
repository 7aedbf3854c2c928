/**
 * glibc malloc settings for the engine process. onnxruntime's CPU arena and our image buffers are large, short-lived
 * allocations: on 4 KiB pages every new one pays a page fault per 4 KiB on first touch, and its first run at a new
 * shape (start-up warm-up, a bigger page) is mostly that. Tunables are read when a process starts, so the launchers
 * put these in the worker's environment; an older glibc, musl and other systems ignore the variable.
 *
 * - `glibc.malloc.hugetlb=1` (glibc ≥ 2.35): malloc asks for transparent huge pages (madvise), which the default
 *   kernel setting ("madvise") then grants. Measured here: time to ready 1.70 → 1.35 s, warm page latency −13 %.
 * - `glibc.malloc.arena_max=1`: one malloc arena for every thread. sharp decodes on libuv's threads, onnxruntime
 *   runs on its own, and the buffers are freed on the JavaScript threads; with an arena per thread, memory one thread
 *   freed sat unused in its arena while the next decode mapped fresh pages. With the image thread's young collections
 *   (young-gc.ts), measured on the engine against the build before: decode 23.8 → 18.6 ms a page over the 32 bench
 *   pages (four engines alternated), a 1280x720 photo's decode 14–22 → 11–12 ms; resident memory at ready 265–270 →
 *   247–250 MiB and after the pages twice 524–525 → 414–428 MiB, flat over 500 more requests; 2-in-flight
 *   throughput 2.54 → 2.62 images/s (four rounds each).
 */

/** The malloc tunables the engine sets, each unless the user's GLIBC_TUNABLES already sets it. */
export const ENGINE_TUNABLES: Readonly<Record<string, string>> = {
  'glibc.malloc.hugetlb': '1',
  'glibc.malloc.arena_max': '1',
};

/**
 * GLIBC_TUNABLES for the worker on `platform`: the user's own value with ours added, each unless the user's already
 * sets it (so `GLIBC_TUNABLES=glibc.malloc.hugetlb=0` turns huge pages off); undefined off Linux.
 */
export function engineTunables(current: string | undefined, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'linux') return current;
  const set = (current ?? '').split(':').filter((t) => t.length > 0);
  const named = new Set(set.map((t) => t.split('=')[0]));
  const added = Object.entries(ENGINE_TUNABLES)
    .filter(([name]) => !named.has(name))
    .map(([name, value]) => `${name}=${value}`);
  return added.length === 0 ? current : [...set, ...added].join(':');
}
