/** The lookups a graph rewrite pass works with (constants, producers, consumers) and the edits it collects. */
import { constantNode, constantValue, type FloatTensor, type OnnxNode } from './onnx-graph';

/** The graph as one pass sees it, with lookups built once per pass. */
export class PassState {
  readonly consts = new Map<string, FloatTensor>();
  readonly consumers = new Map<string, OnnxNode[]>();
  readonly producers = new Map<string, OnnxNode>();
  readonly removed = new Set<OnnxNode>();
  readonly replaced = new Map<OnnxNode, OnnxNode>();
  readonly made: OnnxNode[] = [];

  constructor(
    readonly nodes: readonly OnnxNode[],
    initializers: ReadonlyMap<string, FloatTensor>,
    readonly graphOutputs: ReadonlySet<string>,
    private readonly names: { next: number },
  ) {
    for (const [k, v] of initializers) this.consts.set(k, v);
    for (const n of nodes) {
      const v = constantValue(n);
      if (v) this.consts.set(n.outputs[0]!, v);
      for (const i of n.inputs) this.consumers.set(i, [...(this.consumers.get(i) ?? []), n]);
      for (const o of n.outputs) this.producers.set(o, n);
    }
  }

  /** The one node reading `name`, when nothing else (not even the graph output) does. */
  sole(name: string): OnnxNode | undefined {
    const c = this.consumers.get(name);
    return !this.graphOutputs.has(name) && c?.length === 1 ? c[0] : undefined;
  }

  /** A Mul or Add of a tensor by a single float constant: the constant and the other input. */
  scalarOp(n: OnnxNode): { op: 'Mul' | 'Add'; s: number; x: string } | undefined {
    if ((n.opType !== 'Mul' && n.opType !== 'Add') || n.domain !== '' || n.inputs.length !== 2)
      return undefined;
    for (const k of [0, 1]) {
      const c = this.consts.get(n.inputs[k]!);
      const x = n.inputs[1 - k]!;
      if (c && c.data.length === 1 && c.dims.length <= 1 && !this.consts.has(x))
        return { op: n.opType, s: c.data[0]!, x };
    }
    return undefined;
  }

  scalar(name: string | undefined): number | undefined {
    const c = name === undefined ? undefined : this.consts.get(name);
    return c && c.data.length === 1 ? c.data[0] : undefined;
  }

  /** A Conv's weight and bias, when both are float constants (a missing bias reads as zeros). */
  convParams(conv: OnnxNode): { w: FloatTensor; b: Float32Array } | undefined {
    if (conv.opType !== 'Conv' || conv.domain !== '') return undefined;
    const w = this.consts.get(conv.inputs[1] ?? '');
    if (!w || w.dims.length < 3) return undefined;
    const out = w.dims[0]!;
    const bias = conv.inputs[2];
    if (!bias) return { w, b: new Float32Array(out) };
    const b = this.consts.get(bias);
    return b && b.data.length === out ? { w, b: b.data } : undefined;
  }

  constant(hint: string, t: FloatTensor): string {
    const name = `lantern/${hint}/${this.names.next++}`;
    this.made.push(constantNode(name, t));
    return name;
  }

  /** The node list after this pass: new constants first, removed nodes gone, replaced ones swapped in place. */
  result(): OnnxNode[] {
    return [
      ...this.made,
      ...this.nodes.filter((n) => !this.removed.has(n)).map((n) => this.replaced.get(n) ?? n),
    ];
  }
}

/** One scalar Mul or Add of a chain. */
interface ChainLink {
  readonly n: OnnxNode;
  readonly op: 'Mul' | 'Add';
  readonly v: number;
}

/** The chain, input side first, as one affine map y = scale·x + shift. */
function composed(chain: readonly ChainLink[]): { scale: number; shift: number } {
  let scale = 1;
  let shift = 0;
  for (const c of chain) {
    if (c.op === 'Mul') {
      scale *= c.v;
      shift *= c.v;
    } else shift += c.v;
  }
  return { scale, shift };
}

/**
 * The scalar Mul/Add chain that ends in tensor `end`, input side first, and the tensor it starts from. Every link but
 * the last must feed only the next one; with `consumer`, the last must feed only that node.
 */
export function chainBefore(s: PassState, end: string, consumer: OnnxNode | undefined) {
  const chain: ChainLink[] = [];
  let next = consumer;
  let cur = end;
  for (;;) {
    const p = s.producers.get(cur);
    const op = p && s.scalarOp(p);
    if (!p || !op || s.removed.has(p) || (next !== undefined && s.sole(cur) !== next)) break;
    chain.unshift({ n: p, op: op.op, v: op.s });
    next = p;
    cur = op.x;
  }
  return { chain, x: cur, ...composed(chain) };
}

/** The scalar Mul/Add chain that reads `start` (each link the only reader of the one before), and the tensor it ends in. */
export function chainAfter(s: PassState, start: string) {
  const chain: ChainLink[] = [];
  let cur = start;
  for (;;) {
    const c = s.sole(cur);
    const op = c && s.scalarOp(c);
    if (!c || !op || op.x !== cur || s.removed.has(c)) break;
    chain.push({ n: c, op: op.op, v: op.s });
    cur = c.outputs[0]!;
  }
  return { chain, out: cur, ...composed(chain) };
}

const CHANNEL_PRESERVING = new Set(['Mul', 'Add', 'Sub', 'Div', 'HardSigmoid', 'Clip', 'Relu', 'Sigmoid']);

/** The channel count of a 4-D tensor made by a 2-D Conv through channel-preserving ops, if that is how it is made. */
export function channelsOf(s: PassState, name: string, depth = 0): number | undefined {
  const p = s.producers.get(name);
  if (!p || depth > 6) return undefined;
  if (p.opType === 'Conv')
    return s.convParams(p)?.w.dims.length === 4 ? s.convParams(p)!.w.dims[0] : undefined;
  if (!CHANNEL_PRESERVING.has(p.opType) || p.domain !== '') return undefined;
  const x = p.inputs.find((i) => !s.consts.has(i));
  return x === undefined ? undefined : channelsOf(s, x, depth + 1);
}

/** Drops Constant nodes that nothing reads any more (the weights a fold replaced). */
export function dropUnused(nodes: readonly OnnxNode[], graphOutputs: ReadonlySet<string>): OnnxNode[] {
  const read = new Set(nodes.flatMap((n) => n.inputs));
  return nodes.filter(
    (n) => n.opType !== 'Constant' || n.outputs.some((o) => read.has(o) || graphOutputs.has(o)),
  );
}
