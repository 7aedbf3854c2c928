/**
 * The main lane's sessions while a second lane may run: each model run picks the sessions with every intra-op thread
 * when the main lane runs alone, and the ones with its share of the cores while the other lane is busy too.
 */
import type { Sessions } from '../ocr/sessions';

/** Sessions that answer `split` (once loaded) while `shared()` says another lane is running, else `all`. */
export function splitSessions(
  all: Sessions,
  split: () => Sessions | undefined,
  shared: () => boolean,
): Sessions {
  const now = () => (shared() ? (split() ?? all) : all);
  return {
    get det() {
      return now().det;
    },
    get cls() {
      return now().cls;
    },
    get rec() {
      return now().rec;
    },
    get recFallback() {
      return now().recFallback;
    },
    provider: all.provider,
    loadMs: all.loadMs,
    cache: all.cache,
    recVariant: all.recVariant,
  };
}
