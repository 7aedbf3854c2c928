/**
 * Exact graph rewrites for PP-OCR models as paddle2onnx exports them. PP-LCNetV3 (the det and rec backbones) follows
 * every convolution with a "learnable affine block" (y = s·x + b, two scalar ops) and spells hard-swish as four ops,
 * and onnxruntime fuses none of it: half of recognition time went to those element-wise passes and the layout
 * reorders they force around each NCHWc convolution. The rewrites change no result beyond float rounding:
 * - a scalar Mul/Add chain after a Conv is folded into its weights and bias;
 * - x·clip(x+3, 0, 6)/6 becomes x·HardSigmoid(x), which onnxruntime fuses into the Conv as its HardSwish activation;
 * - a scalar Mul/Add chain before an unpadded Conv is folded into that Conv (b·ΣW joins the bias);
 * - any other chain of two or more scalar Mul/Add ops after a Conv becomes one BatchNormalization, which onnxruntime's
 *   NCHWc transformer runs as a depthwise 1×1 Conv without leaving the blocked layout.
 * A graph without these patterns comes back unchanged.
 */
import {
  attrFloat,
  attrInts,
  attrString,
  decodeGraph,
  floatAttr,
  node,
  type FloatTensor,
  type OnnxNode,
} from './onnx-graph';
import { chainAfter, chainBefore, channelsOf, dropUnused, PassState } from './pass-state';

/** How many times each rewrite applied. */
export interface FoldCounts {
  readonly convAffine: number;
  readonly hardSwish: number;
  readonly affineIntoConv: number;
  readonly affineToBatchNorm: number;
}

/** A Conv like `conv` reading `x` into `out`, with new weight and bias constants. */
function withParams(
  s: PassState,
  conv: OnnxNode,
  x: string,
  w: FloatTensor,
  b: Float32Array,
  out: string,
): OnnxNode {
  const wName = s.constant('w', w);
  const bName = s.constant('b', { dims: [b.length], data: b });
  return { ...node('Conv', [x, wName, bName], [out], conv.attrs), name: conv.name };
}

/** Conv → (Mul s | Add b)* becomes one Conv with W·S and B·S + Bv. */
function foldConvAffine(s: PassState): number {
  let count = 0;
  for (const conv of s.nodes) {
    const p = s.convParams(conv);
    const after = p && chainAfter(s, conv.outputs[0]!);
    if (!p || !after || after.chain.length === 0) continue;
    const { chain, out, scale, shift } = after;
    const w = scale === 1 ? p.w : { dims: p.w.dims, data: p.w.data.map((v) => v * scale) };
    const bias = p.b.map((v) => v * scale + shift);
    for (const c of chain) s.removed.add(c.n);
    s.replaced.set(conv, withParams(s, conv, conv.inputs[0]!, w, bias, out));
    count++;
  }
  return count;
}

function clipBounds(s: PassState, clip: OnnxNode): [number | undefined, number | undefined] {
  if (clip.inputs.length > 1) return [s.scalar(clip.inputs[1]), s.scalar(clip.inputs[2])];
  return [attrFloat(clip, 'min'), attrFloat(clip, 'max')];
}

/** x · clip(x + 3, 0, 6) / 6 becomes x · HardSigmoid(x) (alpha 1/6, beta 1/2). */
function hardSwish(s: PassState): number {
  let count = 0;
  for (const add of s.nodes) {
    const a = s.scalarOp(add);
    if (!a || a.op !== 'Add' || a.s !== 3) continue;
    const clip = s.sole(add.outputs[0]!);
    if (!clip || clip.opType !== 'Clip' || clip.domain !== '') continue;
    const [lo, hi] = clipBounds(s, clip);
    const mul = lo === 0 && hi === 6 ? s.sole(clip.outputs[0]!) : undefined;
    if (!mul || mul.opType !== 'Mul' || mul.domain !== '' || !sameSet(mul.inputs, [a.x, clip.outputs[0]!]))
      continue;
    const last = s.sole(mul.outputs[0]!);
    if (!last || last.inputs[0] !== mul.outputs[0] || last.domain !== '') continue;
    const d = s.scalar(last.inputs[1]);
    const by6 =
      (last.opType === 'Div' && d === 6) ||
      (last.opType === 'Mul' && d !== undefined && Math.abs(d - 1 / 6) < 1e-7);
    if (!by6) continue;
    const hs = clip.outputs[0]!;
    s.replaced.set(
      add,
      node('HardSigmoid', [a.x], [hs], [floatAttr('alpha', 1 / 6), floatAttr('beta', 0.5)]),
    );
    s.replaced.set(mul, node('Mul', [a.x, hs], [last.outputs[0]!]));
    s.removed.add(clip);
    s.removed.add(last);
    count++;
  }
  return count;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));
}

/** (Mul s | Add b)* → Conv without padding becomes that Conv with W·S and B + Bv·ΣW. */
function foldAffineIntoConv(s: PassState): number {
  let count = 0;
  for (const conv of s.nodes) {
    const p = s.convParams(conv);
    const pads = attrInts(conv, 'pads');
    const autoPad = attrString(conv, 'auto_pad') ?? 'NOTSET';
    if (!p || pads.some((v) => v !== 0) || (autoPad !== 'NOTSET' && autoPad !== 'VALID')) continue;
    const { chain, x, scale, shift } = chainBefore(s, conv.inputs[0]!, conv);
    if (chain.length === 0) continue;
    const out = p.w.dims[0]!;
    const per = p.w.data.length / out;
    const bias = Float32Array.from(p.b);
    for (let o = 0; o < out; o++) {
      let sum = 0;
      for (let k = 0; k < per; k++) sum += p.w.data[o * per + k]!;
      bias[o]! += shift * sum;
    }
    const w = { dims: p.w.dims, data: p.w.data.map((v) => v * scale) };
    for (const c of chain) s.removed.add(c.n);
    s.replaced.set(conv, withParams(s, conv, x, w, bias, conv.outputs[0]!));
    count++;
  }
  return count;
}

/**
 * The BatchNormalization epsilon: cuDNN's minimum (onnxruntime's CUDA kernel raises smaller ones to it), with the
 * variance set so that var + epsilon is 1 in float32 and the op is exactly s·x + b on every provider.
 */
const BN_EPSILON = 1e-5;

/** A chain of two or more scalar Mul/Add ops on a Conv's 4-D output becomes one BatchNormalization. */
function affineToBatchNorm(s: PassState): number {
  let count = 0;
  for (const last of s.nodes) {
    if (!s.scalarOp(last) || s.removed.has(last)) continue;
    const after = s.sole(last.outputs[0]!);
    if (after && s.scalarOp(after)?.x === last.outputs[0]) continue; // not the end of its chain
    const { chain, x, scale, shift } = chainBefore(s, last.outputs[0]!, undefined);
    const channels = channelsOf(s, x);
    if (chain.length < 2 || channels === undefined) continue;
    const filled = (hint: string, v: number) =>
      s.constant(hint, { dims: [channels], data: new Float32Array(channels).fill(v) });
    const inputs = [
      x,
      filled('scale', scale),
      filled('shift', shift),
      filled('mean', 0),
      filled('var', 1 - BN_EPSILON),
    ];
    for (const c of chain) if (c.n !== last) s.removed.add(c.n);
    s.replaced.set(
      last,
      node('BatchNormalization', inputs, [last.outputs[0]!], [floatAttr('epsilon', BN_EPSILON)]),
    );
    count++;
  }
  return count;
}

/** Applies the rewrites to an ONNX model; returns it unchanged (same bytes) when no pattern is found. */
export function foldAffine(model: Uint8Array): { readonly bytes: Uint8Array; readonly counts: FoldCounts } {
  const g = decodeGraph(model);
  const names = { next: 0 };
  let nodes: readonly OnnxNode[] = g.nodes;
  const pass = (f: (s: PassState) => number) => {
    const s = new PassState(nodes, g.initializers, g.graphOutputs, names);
    const n = f(s);
    if (n > 0) nodes = s.result();
    return n;
  };
  const counts: FoldCounts = {
    convAffine: pass(foldConvAffine),
    hardSwish: pass(hardSwish),
    affineIntoConv: pass(foldAffineIntoConv),
    affineToBatchNorm: pass(affineToBatchNorm),
  };
  if (nodes === g.nodes) return { bytes: model, counts };
  return { bytes: g.encode(dropUnused(nodes, g.graphOutputs)), counts };
}
