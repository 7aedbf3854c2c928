/**
 * On-demand young-generation collections, for a thread whose garbage is a few large native buffers. sharp hands each
 * decode back as a fresh Buffer whose memory is freed only when the garbage collector finds the Buffer dead; the image
 * thread makes almost no other garbage, so without a nudge its collections are rare and every decode writes into
 * freshly mapped memory, a page fault per page, instead of reusing the previous decode's (figures: docs/engine.md).
 */
import v8 from 'node:v8';
import vm from 'node:vm';

type Gc = (options: { type: 'minor' | 'major' }) => void;

/**
 * A function that runs one young-generation (minor) collection, cheap on the image thread's small heap. V8 installs
 * `gc` in contexts made after `--expose-gc` is set, so a fresh vm context hands it over without exposing it on
 * globalThis. Where that fails, the function does nothing and the process keeps V8's own schedule.
 */
export function youngCollector(): () => void {
  return collector('minor');
}

/**
 * A function that runs one full collection: after a big page, whose buffers lived through its request into the old
 * generation, so that their memory goes back to the system now rather than at V8's next full collection.
 */
export function fullCollector(): () => void {
  return collector('major');
}

function collector(type: 'minor' | 'major'): () => void {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as Gc | undefined;
    if (typeof gc === 'function') return () => gc({ type });
  } catch {
    // no gc here: fall through
  }
  return () => {};
}
