/**
 * Input shapes per provider. A GPU provider builds kernels, pipelines and buffers per input shape on first use, so a
 * request with a shape the warm-up never ran pays for them; there every model input is padded up to one of a few
 * bucketed shapes, all run during warm-up. The CPU reads exact shapes (padding would only add work there).
 */
import type { ClsParams, DetParams, RecParams } from '../models/manifest';
import { FINE_MAX_SIDE } from './fine-scale';
import type { ProviderName } from './providers';

/**
 * How input shapes are chosen: as the image needs them (`exact`); batches padded to a few sizes, never one, with
 * detector sizes and line widths exact (`batches`: the text stays the CPU's); or every input padded up to a few
 * shapes (`buckets`: the detector sees padding, which changes its boxes and so some text).
 */
export type ShapeMode = 'exact' | 'batches' | 'buckets';

/** Every accepted mode, for validating an override. */
export const SHAPE_MODES: readonly ShapeMode[] = ['exact', 'batches', 'buckets'];

/** Whether a string is a shape mode (narrows it). */
export function isShapeMode(s: string): s is ShapeMode {
  return (SHAPE_MODES as readonly string[]).includes(s);
}

/** The shapes models are run at: each list the sizes a dimension is padded up to (ascending), empty for exact. */
export interface ShapePolicy {
  readonly mode: ShapeMode;
  /** Detector input sides (multiples of 32). */
  readonly detSides: readonly number[];
  /** Recogniser batch widths. */
  readonly recWidths: readonly number[];
  /** Recogniser batch sizes. */
  readonly recCounts: readonly number[];
  /** Angle-classifier batches run full (GPU: one shape) rather than as many crops as there are. */
  readonly clsFull: boolean;
  /** Recogniser batching when it differs from the pack's: more sequences per run on a GPU. */
  readonly recBatch?: { readonly batch: number; readonly batchColumns: number };
}

/** Exact shapes: what the CPU runs. */
export const EXACT_SHAPES: ShapePolicy = {
  mode: 'exact',
  detSides: [],
  recWidths: [],
  recCounts: [],
  clsFull: false,
};

/** The mode a provider runs with unless overridden: padded batches on GPU providers, exact shapes on the CPU. */
export function defaultShapeMode(provider: ProviderName): ShapeMode {
  return provider === 'cpu' ? 'exact' : 'batches';
}

/** Sides the warm-up runs the detector at when its sizes are exact: a grid over the side limit. */
function sideGrid(limitSideLen: number): number[] {
  const side = Math.ceil(limitSideLen / 32) * 32;
  return [...new Set([320, 640, side].filter((s) => s <= side))].sort((a, b) => a - b);
}

/** Widths the warm-up runs the recogniser at (and `buckets` pads to): multiples of the training width. */
function widthGrid(rec: Pick<RecParams, 'minWidth' | 'maxWidth'>): number[] {
  const widths = [1, 1.5, 2, 3, 4, 6].map((k) => Math.round(rec.minWidth * k));
  return [...new Set([...widths.filter((w) => w < rec.maxWidth), rec.maxWidth])];
}

/** The policy for a mode and a pack's parameters. */
export function shapePolicy(
  mode: ShapeMode,
  det: Pick<DetParams, 'limitSideLen'>,
  rec: Pick<RecParams, 'minWidth' | 'maxWidth' | 'batch'>,
): ShapePolicy {
  switch (mode) {
    case 'exact':
      return EXACT_SHAPES;
    case 'batches':
      // Batches of one take separate, slower kernels on GPU providers: the smallest batch run is two.
      return { ...EXACT_SHAPES, mode, recCounts: [2, rec.batch], clsFull: true };
    case 'buckets':
      return {
        mode,
        detSides: sideGrid(det.limitSideLen),
        recWidths: widthGrid(rec),
        recCounts: [2, 8],
        clsFull: true,
        recBatch: { batch: 8, batchColumns: 16 * rec.minWidth },
      };
  }
}

/**
 * Square sides a finer detection pass (fine-scale.ts: a large screen of small text, detected again at up to
 * FINE_MAX_SIDE) is padded to under `buckets`: its inputs are beyond the page grid, and two squares keep the warm-up
 * to two more detector runs where a grid of its sides would add dozens.
 */
export const FINE_SIDES: readonly number[] = [1280, FINE_MAX_SIDE];

/**
 * The finer pass's inputs on full-HD and larger 16:9 screens (1920×1080 detected at full size, 2560×1440 and up at
 * FINE_MAX_SIDE), which the warm-up runs under `batches`, where detector sizes stay exact.
 */
export const FINE_SCREEN_SHAPES: readonly { readonly w: number; readonly h: number }[] = [
  { w: 1920, h: 1088 },
  { w: FINE_MAX_SIDE, h: Math.round((FINE_MAX_SIDE * 9) / 16 / 32) * 32 },
];

/** The smallest bucket at least `v`, or `v` itself when it is beyond the last (or there are none). */
export function bucketUp(buckets: readonly number[], v: number): number {
  return buckets.find((b) => b >= v) ?? v;
}

/** The detector input size a page of detector size w×h is run at. */
export function detShape(policy: ShapePolicy, w: number, h: number): { w: number; h: number } {
  const last = policy.detSides[policy.detSides.length - 1];
  const longest = Math.max(w, h);
  if (last !== undefined && longest > last) {
    const side = FINE_SIDES.find((s) => s >= longest);
    return side === undefined ? { w, h } : { w: side, h: side };
  }
  return { w: bucketUp(policy.detSides, w), h: bucketUp(policy.detSides, h) };
}

/** The width and batch size a recogniser batch of `count` sequences padded to `width` is run at. */
export function recShape(
  policy: ShapePolicy,
  count: number,
  width: number,
): { count: number; width: number } {
  return { count: bucketUp(policy.recCounts, count), width: bucketUp(policy.recWidths, width) };
}

/** The batch size an angle-classifier batch of `count` crops is run at. */
export function clsCount(policy: ShapePolicy, count: number, p: Pick<ClsParams, 'batch'>): number {
  return policy.clsFull ? p.batch : count;
}

/** The recogniser's batching on this policy: the pack's unless the policy sets its own. */
export function recBatching<P extends Pick<RecParams, 'batch' | 'batchColumns'>>(
  policy: ShapePolicy,
  p: P,
): P {
  return policy.recBatch ? { ...p, ...policy.recBatch } : p;
}

/**
 * The shapes the warm-up runs once each (none when exact): under `buckets` every shape a request can hit; under
 * `batches` every batch size at a grid of detector sizes and line widths (requests fall between them), and the finer
 * pass's usual screen inputs.
 */
export function warmShapes(
  policy: ShapePolicy,
  det: Pick<DetParams, 'limitSideLen'>,
  rec: Pick<RecParams, 'minWidth' | 'maxWidth' | 'batch' | 'batchColumns'>,
  cls: Pick<ClsParams, 'batch'>,
): {
  det: { w: number; h: number }[];
  rec: { count: number; width: number }[];
  cls: number[];
} {
  if (policy.mode === 'exact') return { det: [], rec: [], cls: [] };
  const sides = policy.detSides.length > 0 ? policy.detSides : sideGrid(det.limitSideLen);
  const widths = policy.recWidths.length > 0 ? policy.recWidths : widthGrid(rec);
  const columns = recBatching(policy, rec).batchColumns;
  return {
    det: [
      ...sides.flatMap((h) => sides.map((w) => ({ w, h }))),
      ...(policy.detSides.length > 0 ? FINE_SIDES.map((side) => ({ w: side, h: side })) : FINE_SCREEN_SHAPES),
    ],
    rec: policy.recCounts.flatMap((count, ci) =>
      widths
        .filter((_, wi) => {
          // A batch of more than one sequence fills at most `columns`: skip sizes no such batch can reach.
          const fewest = ci === 0 ? 1 : policy.recCounts[ci - 1]! + 1;
          const narrowest = wi === 0 ? 1 : widths[wi - 1]! + 1;
          return fewest === 1 || fewest * narrowest <= columns;
        })
        .map((width) => ({ count, width })),
    ),
    cls: policy.clsFull ? [cls.batch] : [],
  };
}
