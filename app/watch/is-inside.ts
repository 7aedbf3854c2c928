/** Path containment for telling a watched folder's outputs apart from its inputs. */
import path from 'node:path';

/** Whether `p` is `dir` or inside it. */
export const isInside = (p: string, dir: string) => {
  const r = path.relative(dir, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
};
