/**
 * Adds the greedy-CTC reductions to a recogniser graph: per time step the index of the most probable class, its
 * probability and the last class's probability (the space, in PaddleOCR's recognisers), computed by onnxruntime. The
 * pipeline then fetches three [batch, steps] tensors instead of the [batch, steps, 6625] probabilities, so a page's
 * per-class output never crosses into JavaScript, to be scanned there and collected by its garbage collector.
 */
import { attrInt, decodeGraph, intAttr, intsAttr, node, type OnnxNode } from './onnx-graph';
import { rawConstantNode, TENSOR_TYPE } from './raw-tensor';

/**
 * The outputs the head adds, all [batch, steps]: argmax class (int32), its probability, and the last class's
 * probability (float32), which the decoder reads as the space's where the model has one (ctc.ts `ctcEmit`).
 */
export const CTC_HEAD = {
  index: 'lantern/ctc_index',
  prob: 'lantern/ctc_prob',
  last: 'lantern/ctc_last',
} as const;

const INT32 = 6;
const FLOAT = 1;
const INT_MAX = 2 ** 31 - 1;

/** Slice of the last entry along `axis`; Slice takes attributes before opset 10 and inputs from it. */
function sliceLast(input: string, output: string, axis: number, opset: number): OnnxNode[] {
  if (opset < 10)
    return [
      node(
        'Slice',
        [input],
        [output],
        [intsAttr('starts', [-1]), intsAttr('ends', [INT_MAX]), intsAttr('axes', [axis])],
      ),
    ];
  const at = (name: string, v: number) =>
    rawConstantNode(`${output}/${name}`, TENSOR_TYPE.int64, [1], BigInt64Array.of(BigInt(v)));
  const consts = [at('starts', -1), at('ends', INT_MAX), at('axes', axis)];
  return [...consts, node('Slice', [input, ...consts.map((c) => c.outputs[0]!)], [output])];
}

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
  const last3d = `${CTC_HEAD.last}/3d`;
  const head = [
    node('ArgMax', [out], [index64], [intAttr('axis', axis), intAttr('keepdims', 0)]),
    node('Cast', [index64], [CTC_HEAD.index], [intAttr('to', INT32)]),
    node('ReduceMax', [out], [CTC_HEAD.prob], [intsAttr('axes', [axis]), intAttr('keepdims', 0)]),
    ...sliceLast(out, last3d, axis, g.opset),
    // A max over one entry drops the class axis with the same attributes at every opset below 18 (Squeeze's
    // axes became an input at 13).
    node('ReduceMax', [last3d], [CTC_HEAD.last], [intsAttr('axes', [axis]), intAttr('keepdims', 0)]),
  ];
  const bytes = g.encode(
    [...g.nodes, ...head],
    [
      { name: CTC_HEAD.index, elemType: INT32 },
      { name: CTC_HEAD.prob, elemType: FLOAT },
      { name: CTC_HEAD.last, elemType: FLOAT },
    ],
  );
  return { bytes, added: true };
}
