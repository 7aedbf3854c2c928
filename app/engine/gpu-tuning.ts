/** GPU tuning overrides a worker reads from its environment, for measuring one setting against another. */
import { isShapeMode, type ShapeMode } from '../ocr/shape-buckets';
import { isWebGpuLayout, type WebGpuLayout } from '../ocr/sessions';

/** The overrides set: LANTERN_SHAPES (exact | batches | buckets) and LANTERN_WEBGPU_LAYOUT (NCHW | NHWC). */
export interface GpuTuning {
  readonly shapes?: ShapeMode;
  readonly webgpuLayout?: WebGpuLayout;
}

/** Reads the overrides; an unknown value is an error (a mistyped experiment must not run as the default). */
export function gpuTuning(env: Readonly<Record<string, string | undefined>>): GpuTuning {
  const shapes = env.LANTERN_SHAPES || undefined;
  const layout = env.LANTERN_WEBGPU_LAYOUT || undefined;
  if (shapes !== undefined && !isShapeMode(shapes))
    throw new Error(`LANTERN_SHAPES must be exact, batches or buckets, not "${shapes}"`);
  if (layout !== undefined && !isWebGpuLayout(layout))
    throw new Error(`LANTERN_WEBGPU_LAYOUT must be NCHW or NHWC, not "${layout}"`);
  return { ...(shapes ? { shapes } : {}), ...(layout ? { webgpuLayout: layout } : {}) };
}
