/**
 * Static int8 quantisation as QuantizeLinear/DequantizeLinear (QDQ) pairs, which onnxruntime's CPU provider fuses into
 * QLinearConv / QLinearMatMul: each chosen Conv or MatMul gets its constant weight as int8 per output channel
 * (symmetric), its bias as int32, and its activation input and output as uint8 per tensor with the scale and zero point
 * of a calibration table. The opsets PP-OCR ships (9 to 11) predate per-axis QDQ, so the pairs are onnxruntime's
 * com.microsoft ones, which its QDQ fusions accept alike.
 */
import { attrFloat, attrInt, attrInts, decodeGraph, intAttr, node, type OnnxNode } from './onnx-graph';
import {
  bytesField,
  decodeFields,
  encodeFields,
  int64s,
  stringField,
  textOf,
  varintField,
} from './protobuf-wire';
import { dropUnused, PassState } from './pass-state';
import { rawConstantNode, TENSOR_TYPE } from './raw-tensor';

/** An activation's observed range, from calibration. */
export interface TensorRange {
  readonly min: number;
  readonly max: number;
}

/** Which nodes a quantisation leaves in float32. */
export interface QdqOptions {
  /** Depthwise convolutions (group = channels) stay float: int8 gains little on them and costs two requantisations. */
  readonly keepDepthwise?: boolean;
  /** Output tensor names of Conv/MatMul nodes to keep in float32 (the sensitive ones). */
  readonly keep?: ReadonlySet<string>;
  /** Largest weight magnitude (127 for int8; 63 keeps u8·s8 pair sums within int16 on CPUs without VNNI). */
  readonly weightMax?: number;
}

const MS = 'com.microsoft';

/** Names this pass's output in cache keys; change it whenever the quantised graph it makes changes. */
export const QDQ_ID = 'qdq2';

/** A Conv or MatMul this pass can quantise: its activation input, and its weight constant's name. */
function target(s: PassState, n: OnnxNode, opts: QdqOptions): { x: string; w: string } | undefined {
  if (n.domain !== '' || opts.keep?.has(n.outputs[0]!)) return undefined;
  const [x, w] = n.inputs;
  if (!x || !w || s.consts.has(x) || s.graphOutputs.has(n.outputs[0]!)) return undefined;
  const wt = s.consts.get(w);
  if (n.opType === 'Conv') {
    if (!s.convParams(n) || wt?.dims.length !== 4) return undefined;
    const depthwise = (attrInt(n, 'group') ?? 1) > 1 && wt.dims[1] === 1;
    return opts.keepDepthwise && depthwise ? undefined : { x, w };
  }
  return n.opType === 'MatMul' && wt?.dims.length === 2 ? { x, w } : undefined;
}

/** The output names of the nodes the pass would quantise, in graph order (to pick ones to keep in float32). */
export function quantisableNodes(model: Uint8Array, opts: QdqOptions = {}): { op: string; out: string }[] {
  const g = decodeGraph(model);
  const s = new PassState(g.nodes, g.initializers, g.graphOutputs, { next: 0 });
  return g.nodes.filter((n) => target(s, n, opts)).map((n) => ({ op: n.opType, out: n.outputs[0]! }));
}

/** The tensors the quantised nodes read and write: every one needs a calibrated range. */
export function quantisedTensors(model: Uint8Array, opts: QdqOptions = {}): string[] {
  const g = decodeGraph(model);
  const s = new PassState(g.nodes, g.initializers, g.graphOutputs, { next: 0 });
  const out = new Set<string>();
  for (const n of g.nodes) {
    const t = target(s, n, opts);
    if (t) out.add(t.x).add(n.outputs[0]!);
  }
  return [...out];
}

/**
 * The range of `t` its readers can tell apart: values below -3 all read as 0 through hard-swish, below 0 through ReLU,
 * so when only those read `t` the range starts there and its 256 steps go to the values that matter.
 */
export function floorOfReaders(s: PassState, t: string, r: TensorRange): TensorRange {
  const readers = s.consumers.get(t) ?? [];
  if (readers.length === 0 || s.graphOutputs.has(t)) return r;
  const hardSigmoid = (n: OnnxNode | undefined) =>
    n?.opType === 'HardSigmoid' &&
    n.inputs[0] === t &&
    Math.abs((attrFloat(n, 'alpha') ?? 0.2) - 1 / 6) < 1e-6 &&
    Math.abs((attrFloat(n, 'beta') ?? 0.5) - 0.5) < 1e-6;
  const relu = readers.every((n) => n.opType === 'Relu');
  const swish = readers.every(
    (n) =>
      hardSigmoid(n) ||
      (n.opType === 'Mul' && n.inputs.includes(t) && n.inputs.some((i) => hardSigmoid(s.producers.get(i)))),
  );
  const floor = relu ? 0 : swish ? -3 : -Infinity;
  return { min: Math.max(r.min, Math.min(floor, r.max)), max: r.max };
}

/** uint8 scale and zero point covering [min, max] (and 0, which must be exact). */
export function activationParams(r: TensorRange): { scale: number; zero: number } {
  const lo = Math.min(0, r.min);
  const hi = Math.max(0, r.max);
  const scale = hi > lo ? (hi - lo) / 255 : 1;
  return { scale, zero: Math.min(255, Math.max(0, Math.round(-lo / scale))) };
}

/** Symmetric int8 per `axis` slice: the quantised values and one scale per slice. */
export function quantiseWeights(
  data: Float32Array,
  dims: readonly number[],
  axis: number,
  qmax = 127,
): { q: Int8Array; scales: Float32Array } {
  const n = dims[axis]!;
  const inner = dims.slice(axis + 1).reduce((a, b) => a * b, 1);
  const at = (i: number) => Math.floor(i / inner) % n;
  const amax = new Float32Array(n);
  data.forEach((v, i) => (amax[at(i)] = Math.max(amax[at(i)]!, Math.abs(v))));
  const scales = amax.map((a) => (a > 0 ? a / qmax : 1));
  const q = Int8Array.from(data, (v, i) => Math.max(-qmax, Math.min(qmax, Math.round(v / scales[at(i)]!))));
  return { q, scales };
}

/** The model importing the default opset at `version` or later and `com.microsoft` version 1. */
function withOpsets(model: Uint8Array, version: number): Uint8Array {
  const domainOf = (b: Uint8Array) => {
    const d = decodeFields(b).find((y) => y.no === 1);
    return d ? textOf(d) : '';
  };
  const f = decodeFields(model).filter((x) => x.no !== 8 || x.wire !== 2 || domainOf(x.bytes) !== MS);
  const opsets = f.map((x) =>
    x.no === 8 &&
    x.wire === 2 &&
    domainOf(x.bytes) === '' &&
    (int64s(decodeFields(x.bytes), 2)[0] ?? 0) < version
      ? bytesField(8, encodeFields([stringField(1, ''), varintField(2, version)]))
      : x,
  );
  return encodeFields([...opsets, bytesField(8, encodeFields([stringField(1, MS), varintField(2, 1)]))]);
}

/** Opset 10 takes Slice's starts, ends and axes as int64 inputs instead of attributes (no other op here changed). */
function slicesToOpset10(nodes: readonly OnnxNode[], made: OnnxNode[], name: () => string): OnnxNode[] {
  return nodes.map((n) => {
    if (n.opType !== 'Slice' || n.domain !== '' || n.inputs.length > 1) return n;
    const ints = (a: string) => {
      const c = name();
      const v = attrInts(n, a);
      made.push(rawConstantNode(c, TENSOR_TYPE.int64, [v.length], BigInt64Array.from(v, BigInt)));
      return c;
    };
    const inputs = [n.inputs[0]!, ints('starts'), ints('ends')];
    if (n.attrs.some((a) => a.name === 'axes')) inputs.push(ints('axes'));
    return { ...n, inputs, attrs: [], raw: null };
  });
}

/**
 * The model with each quantisable Conv/MatMul whose input and output have a range in `ranges` in QDQ form; the
 * count says how many were. Tensors without a range leave their nodes in float32.
 */
export function quantiseQdq(
  model: Uint8Array,
  ranges: ReadonlyMap<string, TensorRange>,
  opts: QdqOptions = {},
): { readonly bytes: Uint8Array; readonly quantised: number } {
  const g = decodeGraph(model);
  const s = new PassState(g.nodes, g.initializers, g.graphOutputs, { next: 0 });
  const made: OnnxNode[] = [];
  const pairs = new Map<string, { dq: string; scale: number }>();
  let k = 0;
  const constant = (hint: string, type: number, dims: readonly number[], data: ArrayBufferView) => {
    const name = `lantern/q/${hint}/${k++}`;
    made.push(rawConstantNode(name, type, dims, data));
    return name;
  };
  /** The QDQ pair of activation `t` (made once): its dequantised name and scale. */
  const pair = (t: string) => {
    const have = pairs.get(t);
    if (have) return have;
    const { scale, zero } = activationParams(floorOfReaders(s, t, ranges.get(t)!));
    const sc = constant('s', TENSOR_TYPE.float, [], Float32Array.of(scale));
    const zp = constant('z', TENSOR_TYPE.uint8, [], Uint8Array.of(zero));
    const p = { dq: `${t}/dq`, scale };
    made.push(
      { ...node('QuantizeLinear', [t, sc, zp], [`${t}/q`]), domain: MS },
      { ...node('DequantizeLinear', [`${t}/q`, sc, zp], [p.dq]), domain: MS },
    );
    pairs.set(t, p);
    return p;
  };
  const replaced = new Map<OnnxNode, OnnxNode>();
  if (g.opset < 9) return { bytes: model, quantised: 0 };
  for (const n of g.nodes) {
    const t = target(s, n, opts);
    const y = n.outputs[0]!;
    if (!t || !ranges.has(t.x) || !ranges.has(y)) continue;
    const x = pair(t.x);
    pair(y);
    const w = s.consts.get(t.w)!;
    const axis = n.opType === 'Conv' ? 0 : 1;
    const { q, scales } = quantiseWeights(w.data, w.dims, axis, opts.weightMax);
    const dq = (
      hint: string,
      type: number,
      dims: readonly number[],
      data: ArrayBufferView,
      sc: Float32Array,
    ) => {
      const c = constant(hint, type, dims, data);
      const scName = constant(`${hint}s`, TENSOR_TYPE.float, [sc.length], sc);
      const zp = constant(
        `${hint}z`,
        type,
        [sc.length],
        type === TENSOR_TYPE.int8 ? new Int8Array(sc.length) : new Int32Array(sc.length),
      );
      made.push({
        ...node('DequantizeLinear', [c, scName, zp], [`${c}/dq`], [intAttr('axis', axis)]),
        domain: MS,
      });
      return `${c}/dq`;
    };
    const wq = dq('w', TENSOR_TYPE.int8, w.dims, q, scales);
    const inputs = [x.dq, wq];
    const bias = n.opType === 'Conv' ? s.convParams(n)!.b : undefined;
    if (bias && n.inputs[2]) {
      const bs = scales.map((v) => v * x.scale);
      const bq = Int32Array.from(bias, (v, i) => Math.round(v / bs[i]!));
      inputs.push(dq('b', TENSOR_TYPE.int32, [bias.length], bq, bs));
    }
    replaced.set(n, { ...n, inputs, raw: null });
  }
  const rename = (name: string) => (pairs.has(name) ? pairs.get(name)!.dq : name);
  const nodes = slicesToOpset10(g.nodes, made, () => `lantern/q/slice/${k++}`).map((n) => {
    const r = replaced.get(n);
    if (r) return r;
    return n.inputs.some((i) => pairs.has(i)) ? { ...n, inputs: n.inputs.map(rename), raw: null } : n;
  });
  // Constants first, then the graph; a Q/DQ pair reads its tensor where the graph makes it (ONNX needs no order here
  // beyond topological, which a pair placed right after its producer keeps).
  const ordered: OnnxNode[] = [];
  const qdqOf = new Map<string, OnnxNode[]>();
  for (const m of made.filter((m) => m.opType !== 'Constant')) {
    const src = m.opType === 'QuantizeLinear' ? m.inputs[0]! : undefined;
    if (src) qdqOf.set(src, [m, made.find((d) => d.inputs[0] === m.outputs[0])!]);
  }
  const weightDq = made.filter((m) => m.opType === 'DequantizeLinear' && !m.inputs[0]!.endsWith('/q'));
  ordered.push(...made.filter((m) => m.opType === 'Constant'), ...weightDq);
  const emitPairs = (names: readonly string[]) => names.forEach((o) => ordered.push(...(qdqOf.get(o) ?? [])));
  emitPairs([...qdqOf.keys()].filter((t) => !s.producers.has(t)));
  for (const n of dropUnused(nodes, g.graphOutputs)) {
    ordered.push(n);
    emitPairs(n.outputs);
  }
  return { bytes: withOpsets(g.encode(ordered), 10), quantised: replaced.size };
}
