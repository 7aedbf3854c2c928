/**
 * The int8 recogniser: the rewritten fp32 graph quantised (graph/qdq.ts) with the committed calibration table, chosen
 * at load on CPUs whose int8 dot-product instructions (AVX-512 VNNI, AVX-VNNI) make it faster than fp32.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { foldConvBatchNorm } from './graph/bn-fold';
import { quantiseQdq, type QdqOptions, type TensorRange } from './graph/qdq';

/**
 * Which recogniser a session runs: fp32, int8 alone, or int8 with its unsure sequences read again by fp32
 * (`int8-cascade`, rec-cascade.ts).
 */
export type RecVariant = 'fp32' | 'int8' | 'int8-cascade';
/** What the caller asks for: a variant, or `auto` (the cascade on a CPU with VNNI when the table is accepted, else fp32). */
export type RecVariantChoice = RecVariant | 'auto';
/** The variants, for contracts and validation. */
export const REC_VARIANTS: readonly RecVariant[] = ['fp32', 'int8', 'int8-cascade'];
/** The choices, for flags and validation. */
export const REC_VARIANT_CHOICES: readonly RecVariantChoice[] = ['auto', ...REC_VARIANTS];

/** Whether a string names a recogniser variant choice (narrows it). */
export function isRecVariantChoice(s: string): s is RecVariantChoice {
  return (REC_VARIANT_CHOICES as readonly string[]).includes(s);
}

/** The nodes the int8 recogniser quantises (calibration and quantisation must agree). */
export const REC_INT8_QDQ: QdqOptions = { keepDepthwise: true };

/** The committed calibration table: activation ranges of the rewritten recogniser, for one model file and rewrite. */
export const calibrationSchema = z.object({
  model: z.string().regex(/^[0-9a-f]{64}$/),
  rewrite: z.string(),
  method: z.string(),
  images: z.array(z.string()),
  batches: z.number().int(),
  /** Set by hand once the eval holds within budget with this table (docs/pipeline.md); `auto` picks int8 only then. */
  accepted: z.boolean(),
  ranges: z.record(z.string(), z.tuple([z.number(), z.number()])),
});
/** A parsed calibration table. */
export type Calibration = z.infer<typeof calibrationSchema>;

/** Where the calibration table lives in a models folder. */
export function calibrationFile(modelsDir: string): string {
  return path.join(modelsDir, 'rec-int8-calibration.json');
}

/** The table in `modelsDir` when it is there, valid and made for this model and rewrite; else why not. */
export function loadCalibration(
  modelsDir: string,
  modelSha256: string,
  rewriteId: string,
): Calibration | string {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(calibrationFile(modelsDir), 'utf8'));
  } catch {
    return 'no calibration table';
  }
  const c = calibrationSchema.safeParse(raw);
  if (!c.success) return 'calibration table invalid';
  if (c.data.model !== modelSha256 || c.data.rewrite !== rewriteId)
    return 'calibration table made for another model';
  return c.data;
}

/** The float graph the int8 recogniser quantises (and its table is calibrated on): BatchNorms folded into their Convs. */
export function int8Source(rewritten: Uint8Array): Uint8Array {
  return foldConvBatchNorm(rewritten).bytes;
}

/** The rewritten recogniser quantised with a calibration table. */
export function int8Rec(rewritten: Uint8Array, c: Calibration): Uint8Array {
  const ranges = new Map<string, TensorRange>(
    Object.entries(c.ranges).map(([k, [min, max]]) => [k, { min, max }]),
  );
  return quantiseQdq(int8Source(rewritten), ranges, REC_INT8_QDQ).bytes;
}

/** The variant LANTERN_REC_VARIANT asks for (auto when unset); another value is an error, not a silent default. */
export function recVariantFromEnv(env: Readonly<Record<string, string | undefined>>): RecVariantChoice {
  const v = env.LANTERN_REC_VARIANT || 'auto';
  if (!isRecVariantChoice(v))
    throw new Error(`LANTERN_REC_VARIANT must be ${REC_VARIANT_CHOICES.join(', ')}, not "${v}"`);
  return v;
}
