/**
 * Conv → BatchNormalization folded into one Conv (W·a, (B − mean)·a + beta, a = scale/√(var + ε)) before int8
 * quantisation, where the BatchNormalization only shrinks (every |a| ≤ 1): in QDQ form it sits behind the Conv's output
 * quantisation, which must then cover the unnormalised range (hundreds wide on the recogniser's neck) though only the
 * shrunk one is read. A BatchNormalization that widens some channels more than others stays: quantising before it
 * keeps each channel's steps in proportion to its own values.
 */
import { attrFloat, decodeGraph, node } from './onnx-graph';
import { dropUnused, PassState } from './pass-state';

/** The model with each Conv whose only reader is a shrinking constant BatchNormalization folded into it; how many were. */
export function foldConvBatchNorm(model: Uint8Array): {
  readonly bytes: Uint8Array;
  readonly folded: number;
} {
  const g = decodeGraph(model);
  const s = new PassState(g.nodes, g.initializers, g.graphOutputs, { next: 0 });
  let folded = 0;
  for (const conv of s.nodes) {
    const p = s.convParams(conv);
    const bn = p && s.sole(conv.outputs[0]!);
    if (!p || bn?.opType !== 'BatchNormalization' || bn.domain !== '' || bn.outputs.length !== 1) continue;
    const [gamma, beta, mean, variance] = bn.inputs.slice(1).map((i) => s.consts.get(i)?.data);
    const c = p.w.dims[0]!;
    if (![gamma, beta, mean, variance].every((t) => t?.length === c)) continue;
    const eps = attrFloat(bn, 'epsilon') ?? 1e-5;
    const a = gamma!.map((v, i) => v / Math.sqrt(variance![i]! + eps));
    if (a.some((v) => Math.abs(v) > 1)) continue;
    const inner = p.w.data.length / c;
    const w = { dims: p.w.dims, data: p.w.data.map((v, i) => v * a[Math.floor(i / inner)]!) };
    const b = p.b.map((v, i) => (v - mean![i]!) * a[i]! + beta![i]!);
    const inputs = [conv.inputs[0]!, s.constant('bnw', w), s.constant('bnb', { dims: [c], data: b })];
    s.replaced.set(conv, { ...node('Conv', inputs, bn.outputs, conv.attrs), name: conv.name });
    s.removed.add(bn);
    folded++;
  }
  if (folded === 0) return { bytes: model, folded };
  return { bytes: g.encode(dropUnused(s.result(), g.graphOutputs)), folded };
}
