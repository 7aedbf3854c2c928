/** Builds small ONNX models in memory, so the graph rewrites can be tested on graphs made for each case. */
import {
  bytesField,
  encodeFields,
  floatField,
  stringField,
  varintField,
  type WireField,
} from '../../app/ocr/graph/protobuf-wire';
import { constantNode, type OnnxAttr } from '../../app/ocr/graph/onnx-graph';

/** A node to build: op, inputs, outputs and its attributes. */
export interface BuildNode {
  readonly op: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly ints?: Readonly<Record<string, readonly number[]>>;
  readonly int?: Readonly<Record<string, number>>;
  readonly floats?: Readonly<Record<string, number>>;
}

function attr(name: string, fields: WireField[]): Uint8Array {
  return encodeFields([stringField(1, name), ...fields]);
}

function encodeAttrs(n: BuildNode): WireField[] {
  const out: WireField[] = [];
  for (const [k, v] of Object.entries(n.ints ?? {}))
    out.push(bytesField(5, attr(k, [...v.map((x) => varintField(8, x)), varintField(20, 7)])));
  for (const [k, v] of Object.entries(n.int ?? {}))
    out.push(bytesField(5, attr(k, [varintField(3, v), varintField(20, 2)])));
  for (const [k, v] of Object.entries(n.floats ?? {}))
    out.push(bytesField(5, attr(k, [floatField(2, v), varintField(20, 1)])));
  return out;
}

function encodeConstAttrs(a: readonly OnnxAttr[]): WireField[] {
  return a.map((x) => bytesField(5, encodeFields(x.fields)));
}

function valueInfo(name: string, dims?: readonly number[]): Uint8Array {
  const shape = dims
    ? [bytesField(2, encodeFields(dims.map((d) => bytesField(1, encodeFields([varintField(1, d)])))))]
    : [];
  const tensorType = encodeFields([varintField(1, 1), ...shape]);
  return encodeFields([stringField(1, name), bytesField(2, encodeFields([bytesField(1, tensorType)]))]);
}

/** A float32 model with one input `x` of shape `dims`, the given constants and nodes, and the named outputs. */
export function buildModel(opts: {
  readonly opset: number;
  readonly dims: readonly number[];
  readonly constants: Readonly<Record<string, { dims: readonly number[]; data: Float32Array }>>;
  readonly nodes: readonly BuildNode[];
  readonly outputs: readonly string[];
}): Uint8Array {
  const consts = Object.entries(opts.constants).map(([name, t]) => {
    const c = constantNode(name, t);
    return encodeFields([stringField(2, name), stringField(4, 'Constant'), ...encodeConstAttrs(c.attrs)]);
  });
  const nodes = opts.nodes.map((n) =>
    encodeFields([
      ...n.inputs.map((i) => stringField(1, i)),
      ...n.outputs.map((o) => stringField(2, o)),
      stringField(4, n.op),
      ...encodeAttrs(n),
    ]),
  );
  const graph = encodeFields([
    ...[...consts, ...nodes].map((b) => bytesField(1, b)),
    stringField(2, 'test'),
    bytesField(11, valueInfo('x', opts.dims)),
    ...opts.outputs.map((o) => bytesField(12, valueInfo(o))),
  ]);
  return encodeFields([
    varintField(1, 7),
    bytesField(8, encodeFields([stringField(1, ''), varintField(2, opts.opset)])),
    bytesField(7, graph),
  ]);
}

/** Deterministic pseudo-random floats in [-1, 1) (a fixed LCG), so a failing case can be rerun. */
export function noise(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}
