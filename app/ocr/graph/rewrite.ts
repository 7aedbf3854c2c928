/** The graph rewrites each model gets before onnxruntime loads it, and the id that names them in cache keys. */
import { foldAffine } from './affine-fold';
import { addCtcHead } from './ctc-head';

/** Names the rewrites in the optimised-graph cache key; change it whenever a rewrite's output changes. */
export const GRAPH_REWRITE_ID = 'fold3-ctc2';

/** Which model of a pack a file is. */
export type ModelRole = 'det' | 'cls' | 'rec';

/** The model as Lantern runs it: affine blocks folded (every role), plus the CTC head for the recogniser. */
export function rewriteModel(role: ModelRole, model: Uint8Array): Uint8Array {
  const folded = foldAffine(model).bytes;
  return role === 'rec' ? addCtcHead(folded).bytes : folded;
}
