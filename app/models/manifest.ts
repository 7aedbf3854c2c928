/**
 * The model manifest: which files make a model pack, where they come from, and their pre/post-processing parameters.
 * zod/mini (zod-mini.ts), like the engine protocol: the engine worker validates this at every start.
 */
import * as z from '../contracts/zod-mini';

const fileEntry = z.object({
  file: z.string().check(z.minLength(1)),
  bytes: z.int().check(z.positive()),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
});

/** Detection (DB) parameters, matching PaddleOCR's DetResizeForTest and DBPostProcess. */
export const detParamsSchema = z.object({
  limitSideLen: z.int().check(z.positive()),
  limitType: z.enum(['max', 'min']),
  mean: z.tuple([z.number(), z.number(), z.number()]),
  std: z.tuple([z.number(), z.number(), z.number()]),
  channelOrder: z.enum(['rgb', 'bgr']),
  thresh: z.number().check(z.minimum(0), z.maximum(1)),
  boxThresh: z.number().check(z.minimum(0), z.maximum(1)),
  unclipRatio: z.number().check(z.positive()),
  minSize: z.number().check(z.positive()),
  maxCandidates: z.int().check(z.positive()),
});

/** Angle-classifier parameters (PaddleOCR's ClsResizeImg and cls_thresh). */
export const clsParamsSchema = z.object({
  height: z.int().check(z.positive()),
  width: z.int().check(z.positive()),
  labels: z.array(z.number()),
  thresh: z.number().check(z.minimum(0), z.maximum(1)),
  batch: z.int().check(z.positive()),
});

/** Recognition parameters (PaddleOCR's resize_norm_img and CTCLabelDecode). */
export const recParamsSchema = z.object({
  height: z.int().check(z.positive()),
  minWidth: z.int().check(z.positive()),
  maxWidth: z.int().check(z.positive()),
  batch: z.int().check(z.positive()),
  /**
   * Most input columns (batch × padded width) in one recognition run: a batch of six wide lines is slower per column
   * than three of two (cache locality, docs/pipeline.md), and a bounded batch lets the warm-up grow onnxruntime's arena
   * to the size every later run fits in.
   */
  batchColumns: z.int().check(z.positive()),
  useSpaceChar: z.boolean(),
  dropScore: z.number().check(z.minimum(0), z.maximum(1)),
  channelOrder: z.enum(['rgb', 'bgr']),
});

/** One model pack: det + cls + rec + dictionary, with its source and parameters. */
export const modelPackSchema = z.object({
  id: z.string().check(z.minLength(1)),
  label: z.string(),
  source: z.object({ npm: z.string(), version: z.string(), dir: z.string() }),
  files: z.object({ det: fileEntry, cls: fileEntry, rec: fileEntry, dict: fileEntry }),
  det: detParamsSchema,
  cls: clsParamsSchema,
  rec: recParamsSchema,
});

/** The whole manifest (`models/manifest.json`): several packs, one default. */
export const manifestSchema = z.object({
  version: z.literal(1),
  defaultPack: z.string(),
  packs: z.array(modelPackSchema).check(z.minLength(1)),
});

export type DetParams = z.infer<typeof detParamsSchema>;
export type ClsParams = z.infer<typeof clsParamsSchema>;
export type RecParams = z.infer<typeof recParamsSchema>;
export type ModelPack = z.infer<typeof modelPackSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type ModelRole = keyof ModelPack['files'];
