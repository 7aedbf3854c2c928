/**
 * Adds the greedy-CTC reductions to a recogniser graph: per time step the index of the most probable class and its
 * probability, computed by onnxruntime. The pipeline then fetches two [batch, steps] tensors instead of the
 * [batch, steps, 6625] probabilities: a page's ~30 MB of output no longer crosses into JavaScript, to be scanned there
 * and collected by its garbage collector.
 */
import { attrInt, decodeGraph, intAttr, intsAttr, node } from './onnx-graph';

/** The outputs the head adds: argmax class (int32) and its probability (float32), both [batch, steps]. */
export const CTC_HEAD = { index: 'lantern/ctc_index', prob: 'lantern/ctc_prob' } as const;

const INT32 = 6;
const FLOAT = 1;

/** Adds the head after the graph's Softmax output; returns the model unchanged when the graph does not end in one. */
export function addCtcHead(model: Uint8Array): { readonly bytes: Uint8Array; readonly added: boolean } {
  const g = decodeGraph(model);
  const [out, ...more] = [...g.graphOutputs];
  const softmax = g.nodes.find((n) => n.outputs.includes(out ?? ''));
  const axis = softmax ? attrInt(softmax, 'axis') : undefined;
  // From opset 18 ReduceMax takes its axes as an input; PP-OCR's recognisers are exported at opset 9 to 11.
  if (
    !out ||
    more.length > 0 ||
    softmax?.opType !== 'Softmax' ||
    axis === undefined ||
    axis < 0 ||
    g.opset >= 18
  )
    return { bytes: model, added: false };
  const index64 = `${CTC_HEAD.index}/int64`;
  const head = [
    node('ArgMax', [out], [index64], [intAttr('axis', axis), intAttr('keepdims', 0)]),
    node('Cast', [index64], [CTC_HEAD.index], [intAttr('to', INT32)]),
    node('ReduceMax', [out], [CTC_HEAD.prob], [intsAttr('axes', [axis]), intAttr('keepdims', 0)]),
  ];
  const bytes = g.encode(
    [...g.nodes, ...head],
    [
      { name: CTC_HEAD.index, elemType: INT32 },
      { name: CTC_HEAD.prob, elemType: FLOAT },
    ],
  );
  return { bytes, added: true };
}
