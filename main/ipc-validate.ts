/** Runtime validation of every IPC payload from the renderer (zod): bytes, ids, limits, settings and paths. */
import path from 'node:path';
import { z } from 'zod';
import { LanternError } from '../app/contracts/errors';
import { BATCH_ACTIONS, watchOptionsSchema } from '../app/contracts/lantern-api';
import { settingsPatchSchema } from '../app/contracts/settings';
import { INVOKE, type InvokeChannel } from './ipc-channels';

/** The largest image accepted over IPC. */
export const MAX_IMAGE_BYTES = 50 * 1024 * 1024;

/** The most paths one drop may grant. */
export const MAX_DROPPED_PATHS = 256;

const id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.:@-]+$/, 'must be a short id of letters, digits and . _ : @ -');

const limit = z.number().int().min(1).max(10000);

/** An absolute local path (no NUL, bounded length). */
export const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0'), 'must not contain NUL')
  .refine((p) => path.isAbsolute(p), 'must be an absolute path');

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes must be a Uint8Array');

const settingsPatch = z.record(z.string(), z.unknown()).superRefine((raw, ctx) => {
  const r = settingsPatchSchema.strict().safeParse(raw);
  if (!r.success)
    for (const issue of r.error.issues)
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

/** The payload schema of each invoke channel (undefined payloads for channels without arguments). */
export const PAYLOADS = {
  [INVOKE.recognize]: z
    .object({
      image: z.object({ name: z.string().min(1).max(1024), bytes }).strict(),
      options: z.object({ paragraphs: z.boolean().optional(), requestId: id.optional() }).strict().optional(),
    })
    .strict(),
  [INVOKE.cancel]: z.object({ requestId: id }).strict(),
  [INVOKE.getStatus]: z.undefined(),
  [INVOKE.retry]: z.undefined(),
  [INVOKE.historyList]: z.object({ limit: limit.optional() }).strict(),
  [INVOKE.historyClear]: z.undefined(),
  [INVOKE.settingsGet]: z.undefined(),
  [INVOKE.settingsSet]: z.object({ patch: settingsPatch }).strict(),
  [INVOKE.watchList]: z.undefined(),
  [INVOKE.watchAdd]: z.object({ dir: absolutePath, options: watchOptionsSchema.partial().strict() }).strict(),
  [INVOKE.watchRemove]: z.object({ id }).strict(),
  [INVOKE.watchSetEnabled]: z.object({ id, enabled: z.boolean() }).strict(),
  [INVOKE.watchFailed]: z.object({ limit: limit.optional() }).strict(),
  [INVOKE.watchRetry]: z.object({ id }).strict(),
  [INVOKE.watchBatch]: z
    .object({ dir: absolutePath, options: watchOptionsSchema.partial().strict() })
    .strict(),
  [INVOKE.watchBatchControl]: z.object({ id, action: z.enum(BATCH_ACTIONS) }).strict(),
  [INVOKE.grantDroppedPaths]: z.object({ paths: z.array(absolutePath).max(MAX_DROPPED_PATHS) }).strict(),
  [INVOKE.chooseFolder]: z.undefined(),
} as const satisfies Record<InvokeChannel, z.ZodType>;

/** The validated payload type of a channel. */
export type Payload<C extends InvokeChannel> = z.output<(typeof PAYLOADS)[C]>;

/** Validates a payload; throws a LanternError (BAD_REQUEST, or PAYLOAD_TOO_LARGE for big images) saying what is wrong. */
export function validatePayload<C extends InvokeChannel>(channel: C, payload: unknown): Payload<C> {
  if (channel === INVOKE.recognize) {
    const b = (payload as { image?: { bytes?: unknown } } | undefined)?.image?.bytes;
    if (b instanceof Uint8Array && b.byteLength > MAX_IMAGE_BYTES)
      throw new LanternError(
        'PAYLOAD_TOO_LARGE',
        `${channel}: image is ${b.byteLength} bytes, over the ${MAX_IMAGE_BYTES}-byte limit`,
      );
    if (b instanceof Uint8Array && b.byteLength === 0)
      throw new LanternError('BAD_REQUEST', `${channel}: image.bytes is empty`);
  }
  const r = PAYLOADS[channel].safeParse(payload);
  if (r.success) return r.data as Payload<C>;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'payload';
  throw new LanternError('BAD_REQUEST', `${channel}: ${where}: ${issue?.message ?? 'invalid'}`);
}
