/** The model manifest: which files make a model pack, where they come from, and their pre/post-processing parameters. */
import { z } from 'zod';

const fileEntry = z.object({
  file: z.string().min(1),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Detection (DB) parameters, matching PaddleOCR's DetResizeForTest and DBPostProcess. */
export const detParamsSchema = z.object({
  limitSideLen: z.number().int().positive(),
  limitType: z.enum(['max', 'min']),
  mean: z.tuple([z.number(), z.number(), z.number()]),
  std: z.tuple([z.number(), z.number(), z.number()]),
  channelOrder: z.enum(['rgb', 'bgr']),
  thresh: z.number().min(0).max(1),
  boxThresh: z.number().min(0).max(1),
  unclipRatio: z.number().positive(),
  minSize: z.number().positive(),
  maxCandidates: z.number().int().positive(),
});

/** Angle-classifier parameters (PaddleOCR's ClsResizeImg and cls_thresh). */
export const clsParamsSchema = z.object({
  height: z.number().int().positive(),
  width: z.number().int().positive(),
  labels: z.array(z.number()),
  thresh: z.number().min(0).max(1),
  batch: z.number().int().positive(),
});

/** Recognition parameters (PaddleOCR's resize_norm_img and CTCLabelDecode). */
export const recParamsSchema = z.object({
  height: z.number().int().positive(),
  minWidth: z.number().int().positive(),
  maxWidth: z.number().int().positive(),
  batch: z.number().int().positive(),
  useSpaceChar: z.boolean(),
  dropScore: z.number().min(0).max(1),
  channelOrder: z.enum(['rgb', 'bgr']),
});

/** One model pack: det + cls + rec + dictionary, with its source and parameters. */
export const modelPackSchema = z.object({
  id: z.string().min(1),
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
  packs: z.array(modelPackSchema).min(1),
});

export type DetParams = z.infer<typeof detParamsSchema>;
export type ClsParams = z.infer<typeof clsParamsSchema>;
export type RecParams = z.infer<typeof recParamsSchema>;
export type ModelPack = z.infer<typeof modelPackSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
export type ModelRole = keyof ModelPack['files'];
