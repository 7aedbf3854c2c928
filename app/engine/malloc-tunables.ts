/**
 * glibc malloc settings for the engine process. onnxruntime's CPU arena and our image buffers are large, short-lived
 * allocations, and memory that malloc hands back to be reused costs nothing while fresh pages cost a fault each on
 * first touch. Tunables are read when a process starts, so the launchers put these in the worker's environment; an
 * older glibc, musl and other systems ignore the variable.
 *
 * - `glibc.malloc.arena_max=1`: one arena for every thread, since sharp's buffers are allocated on libuv's threads and
 *   freed on the JavaScript ones; with an arena per thread the freed memory would sit idle while the next decode maps
 *   fresh pages.
 * - Not `glibc.malloc.hugetlb=1`: with one arena, huge pages only cost (every first touch zeroes 2 MiB).
 * The measurements behind both are in docs/engine.md.
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
