/**
 * glibc malloc settings for the engine process. onnxruntime's CPU arena and our image buffers are large, short-lived
 * allocations, and memory that malloc hands back to be reused costs nothing while fresh pages cost a fault each on
 * first touch. Tunables are read when a process starts, so the launchers put these in the worker's environment; an
 * older glibc, musl and other systems ignore the variable.
 *
 * - `glibc.malloc.arena_max=1`: one malloc arena for every thread. sharp decodes on libuv's threads, onnxruntime
 *   runs on its own, and the buffers are freed on the JavaScript threads; with an arena per thread, memory one thread
 *   freed sat unused in its arena while the next decode mapped fresh pages. With the image thread's young collections
 *   (young-gc.ts), measured on the engine against the build before: decode 23.8 → 18.6 ms a page over the 32 bench
 *   pages (four engines alternated), a 1280x720 photo's decode 14–22 → 11–12 ms; resident memory at ready 265–270 →
 *   247–250 MiB and after the pages twice 524–525 → 414–428 MiB, flat over 500 more requests; 2-in-flight
 *   throughput 2.54 → 2.62 images/s (four rounds each).
 * - Not `glibc.malloc.hugetlb=1` (transparent huge pages for malloc), which the engine set before: on an earlier
 *   machine it took 0.35 s off time to ready, but with one arena it only cost. Alternated on this machine (kernel
 *   THP "madvise", defrag "madvise"): warm-up 620–658 → 502–517 ms, decode −25 % and pages −3 % over the 32 bench
 *   pages twice, resident memory after them −5 to −35 MiB; the first detector run at a new input size (960x736 after
 *   the warm-up's 960x544) took 2× a later one with huge pages (each first touch zeroes 2 MiB) against +15 % without.
 *   `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` still turns it on.
 */

/** The malloc tunables the engine sets, each unless the user's GLIBC_TUNABLES already sets it. */
export const ENGINE_TUNABLES: Readonly<Record<string, string>> = {
  'glibc.malloc.arena_max': '1',
};

/**
 * GLIBC_TUNABLES for the worker on `platform`: the user's own value with ours added, each unless the user's already
 * sets it (so `GLIBC_TUNABLES=glibc.malloc.arena_max=8` keeps eight arenas); undefined off Linux.
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
