/**
 * A view of an ONNX model's main graph for rewrites: its nodes and float constants, and a way to write the model back
 * with a new node list. Everything a rewrite does not touch (initialisers, inputs, opsets, unchanged nodes) keeps its
 * original bytes.
 */
import {
  bytesField,
  decodeFields,
  encodeFields,
  floatField,
  int64s,
  int64Of,
  stringField,
  textOf,
  varintField,
  type WireField,
} from './protobuf-wire';

// Field numbers from onnx.proto.
const MODEL = { graph: 7, opsetImport: 8 } as const;
const GRAPH = { node: 1, initializer: 5, output: 12 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;
const ATTR = { name: 1, f: 2, i: 3, t: 5, ints: 8, type: 20 } as const;
const ATTR_TYPE = { float: 1, int: 2, tensor: 4, ints: 7 } as const;
const TENSOR = { dims: 1, dataType: 2, floatData: 4, name: 8, rawData: 9, dataLocation: 14 } as const;
const FLOAT = 1;

/** A float32 tensor held in the model (a Constant node's value or an initialiser). */
export interface FloatTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

/** One attribute of a node, as its raw fields. */
export interface OnnxAttr {
  readonly name: string;
  readonly fields: readonly WireField[];
}

/** One node of the graph; `raw` is its original encoding, kept while the node is unchanged. */
export interface OnnxNode {
  readonly opType: string;
  readonly domain: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attrs: readonly OnnxAttr[];
  readonly raw: Uint8Array | null;
}

/** A graph output to add: its name and element type (onnx.TensorProto.DataType: 1 float, 6 int32, 7 int64). */
export interface GraphOutput {
  readonly name: string;
  readonly elemType: number;
}

/** A ValueInfoProto naming a tensor of `elemType` with no shape given. */
function encodeOutput(o: GraphOutput): Uint8Array {
  const tensorType = encodeFields([varintField(1, o.elemType)]);
  return encodeFields([stringField(1, o.name), bytesField(2, encodeFields([bytesField(1, tensorType)]))]);
}

/** A decoded model: its nodes, float initialisers, graph outputs, and how to write it back with other nodes. */
export interface OnnxGraph {
  readonly nodes: readonly OnnxNode[];
  readonly initializers: ReadonlyMap<string, FloatTensor>;
  readonly graphOutputs: ReadonlySet<string>;
  /** The version of the default ("ai.onnx") operator set the model imports. */
  readonly opset: number;
  /** The model with `nodes` as its graph, and `extraOutputs` added to the graph's outputs. */
  readonly encode: (nodes: readonly OnnxNode[], extraOutputs?: readonly GraphOutput[]) => Uint8Array;
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function float32At(b: Uint8Array, at = 0): number {
  return new DataView(b.buffer, b.byteOffset + at, 4).getFloat32(0, true);
}

/** Little-endian float32 bytes as a Float32Array (a copy, so it is aligned and owned). */
function float32sOf(b: Uint8Array): Float32Array {
  if (LITTLE_ENDIAN) {
    // Not b.slice(): on a Node Buffer that is a view of the same memory, not a copy.
    const copy = new Uint8Array(b.length);
    copy.set(b);
    return new Float32Array(copy.buffer, 0, b.length >> 2);
  }
  return Float32Array.from({ length: b.length >> 2 }, (_, i) => float32At(b, 4 * i));
}

/** A float32 tensor from a TensorProto, or undefined for any other type or for external data. */
export function floatTensorOf(bytes: Uint8Array): FloatTensor | undefined {
  const f = decodeFields(bytes);
  const type = f.find((x) => x.no === TENSOR.dataType);
  if (!type || int64Of(type) !== FLOAT) return undefined;
  if (f.some((x) => x.no === TENSOR.dataLocation && int64Of(x) === 1)) return undefined;
  const dims = int64s(f, TENSOR.dims);
  const n = dims.reduce((a, b) => a * b, 1);
  const raw = f.find((x) => x.no === TENSOR.rawData);
  const packed = raw ?? f.find((x) => x.no === TENSOR.floatData && x.wire === 2);
  const data =
    packed && packed.wire === 2
      ? float32sOf(packed.bytes)
      : Float32Array.from(
          f
            .filter((x) => x.no === TENSOR.floatData && x.wire === 5)
            .map((x) => float32At((x as { bytes: Uint8Array }).bytes)),
        );
  return data.length === n ? { dims, data } : undefined;
}

/** A TensorProto holding `t` as raw float32 data. */
export function encodeFloatTensor(t: FloatTensor, name?: string): Uint8Array {
  const raw = new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength));
  return encodeFields([
    ...t.dims.map((d) => varintField(TENSOR.dims, d)),
    varintField(TENSOR.dataType, FLOAT),
    ...(name ? [stringField(TENSOR.name, name)] : []),
    bytesField(TENSOR.rawData, raw),
  ]);
}

function decodeNode(bytes: Uint8Array): OnnxNode {
  const f = decodeFields(bytes);
  const text = (no: number) => f.filter((x) => x.no === no).map(textOf);
  const attrs = f
    .filter((x) => x.no === NODE.attribute && x.wire === 2)
    .map((x) => {
      const af = decodeFields((x as { bytes: Uint8Array }).bytes);
      const name = af.find((a) => a.no === ATTR.name);
      return { name: name ? textOf(name) : '', fields: af };
    });
  return {
    inputs: text(NODE.input),
    outputs: text(NODE.output),
    name: text(NODE.name)[0] ?? '',
    opType: text(NODE.opType)[0] ?? '',
    domain: text(NODE.domain)[0] ?? '',
    attrs,
    raw: bytes,
  };
}

/** The node's encoding: its original bytes when unchanged. */
function encodeNode(n: OnnxNode): Uint8Array {
  if (n.raw) return n.raw;
  return encodeFields([
    ...n.inputs.map((s) => stringField(NODE.input, s)),
    ...n.outputs.map((s) => stringField(NODE.output, s)),
    ...(n.name ? [stringField(NODE.name, n.name)] : []),
    stringField(NODE.opType, n.opType),
    ...n.attrs.map((a) => bytesField(NODE.attribute, encodeFields(a.fields))),
    ...(n.domain ? [stringField(NODE.domain, n.domain)] : []),
  ]);
}

/** A float attribute. */
export function floatAttr(name: string, v: number): OnnxAttr {
  return {
    name,
    fields: [stringField(ATTR.name, name), floatField(ATTR.f, v), varintField(ATTR.type, ATTR_TYPE.float)],
  };
}

/** An int attribute. */
export function intAttr(name: string, v: number): OnnxAttr {
  return {
    name,
    fields: [stringField(ATTR.name, name), varintField(ATTR.i, v), varintField(ATTR.type, ATTR_TYPE.int)],
  };
}

/** An ints attribute. */
export function intsAttr(name: string, v: readonly number[]): OnnxAttr {
  return {
    name,
    fields: [
      stringField(ATTR.name, name),
      ...v.map((x) => varintField(ATTR.ints, x)),
      varintField(ATTR.type, ATTR_TYPE.ints),
    ],
  };
}

/** The int value of attribute `name`, if the node has it. */
export function attrInt(n: OnnxNode, name: string): number | undefined {
  const f = n.attrs.find((a) => a.name === name)?.fields.find((x) => x.no === ATTR.i);
  return f ? int64Of(f) : undefined;
}

/** A new node (encoded when the model is written). */
export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attrs: readonly OnnxAttr[] = [],
): OnnxNode {
  return { opType, domain: '', name: '', inputs, outputs, attrs, raw: null };
}

/** A Constant node that outputs `t` as `name`. */
export function constantNode(name: string, t: FloatTensor): OnnxNode {
  const value: OnnxAttr = {
    name: 'value',
    fields: [
      stringField(ATTR.name, 'value'),
      bytesField(ATTR.t, encodeFloatTensor(t)),
      varintField(ATTR.type, ATTR_TYPE.tensor),
    ],
  };
  return node('Constant', [], [name], [value]);
}

/** The float value of attribute `name`, if the node has it. */
export function attrFloat(n: OnnxNode, name: string): number | undefined {
  const f = n.attrs.find((a) => a.name === name)?.fields.find((x) => x.no === ATTR.f);
  return f && f.wire === 5
    ? new DataView(f.bytes.buffer, f.bytes.byteOffset, 4).getFloat32(0, true)
    : undefined;
}

/** The ints of attribute `name` (empty when absent). */
export function attrInts(n: OnnxNode, name: string): number[] {
  const a = n.attrs.find((x) => x.name === name);
  return a ? int64s(a.fields, ATTR.ints) : [];
}

/** The string of attribute `name`, if the node has it. */
export function attrString(n: OnnxNode, name: string): string | undefined {
  const f = n.attrs.find((a) => a.name === name)?.fields.find((x) => x.no === 4);
  return f ? textOf(f) : undefined;
}

/** The tensor value of a Constant node, if it is float32. */
export function constantValue(n: OnnxNode): FloatTensor | undefined {
  if (n.opType !== 'Constant' || n.domain !== '') return undefined;
  if (!constants.has(n)) {
    const t = n.attrs.find((a) => a.name === 'value')?.fields.find((x) => x.no === ATTR.t);
    constants.set(n, t && t.wire === 2 ? floatTensorOf(t.bytes) : undefined);
  }
  return constants.get(n);
}

// Each pass looks constants up again: decode each one once.
const constants = new WeakMap<OnnxNode, FloatTensor | undefined>();

/** Decodes a model's main graph. */
export function decodeGraph(model: Uint8Array): OnnxGraph {
  const mf = decodeFields(model);
  const gi = mf.findIndex((x) => x.no === MODEL.graph);
  const gField = mf[gi];
  if (!gField || gField.wire !== 2) throw new Error('ONNX model has no graph');
  const gf = decodeFields(gField.bytes);
  const initializers = new Map<string, FloatTensor>();
  for (const x of gf) {
    if (x.no !== GRAPH.initializer || x.wire !== 2) continue;
    const name = decodeFields(x.bytes).find((y) => y.no === TENSOR.name);
    const t = floatTensorOf(x.bytes);
    if (name && t) initializers.set(textOf(name), t);
  }
  const graphOutputs = new Set(
    gf
      .filter((x) => x.no === GRAPH.output && x.wire === 2)
      .map((x) => textOf(decodeFields((x as { bytes: Uint8Array }).bytes).find((y) => y.no === 1)!)),
  );
  const nodes = gf
    .filter((x) => x.no === GRAPH.node && x.wire === 2)
    .map((x) => decodeNode((x as { bytes: Uint8Array }).bytes));
  const firstNode = gf.findIndex((x) => x.no === GRAPH.node);
  const encode = (next: readonly OnnxNode[], extraOutputs: readonly GraphOutput[] = []) => {
    const rest = gf.filter((x) => x.no !== GRAPH.node);
    const at = gf.slice(0, Math.max(0, firstNode)).filter((x) => x.no !== GRAPH.node).length;
    const newNodes = next.map((n) => bytesField(GRAPH.node, encodeNode(n)));
    const outputs = extraOutputs.map((o) => bytesField(GRAPH.output, encodeOutput(o)));
    const graph = encodeFields([...rest.slice(0, at), ...newNodes, ...rest.slice(at), ...outputs]);
    return encodeFields(mf.map((x, i) => (i === gi ? bytesField(MODEL.graph, graph) : x)));
  };
  const opset = mf
    .filter((x) => x.no === MODEL.opsetImport && x.wire === 2)
    .map((x) => decodeFields((x as { bytes: Uint8Array }).bytes))
    .filter((o) => (o.find((y) => y.no === 1) ? textOf(o.find((y) => y.no === 1)!) : '') === '')
    .map((o) => int64s(o, 2)[0] ?? 0)[0];
  return { nodes, initializers, graphOutputs, opset: opset ?? 0, encode };
}
