/** zod schema of a wire error as another process or a client sends it: a code, a message, a known reason, a cause. */
import { z } from 'zod';
import { ERROR_REASONS } from './errors';

/** A wire error's reason: one this build knows, or none. */
export const errorReasonSchema = z.enum(ERROR_REASONS).optional();

/** A WireError from outside: its code is kept as sent (a newer build may know more), its reason must be known. */
export const wireErrorSchema = z.object({
  code: z.string().max(64),
  message: z.string().max(100_000),
  reason: errorReasonSchema,
  cause: z.object({ code: z.string().max(64), message: z.string().max(100_000) }).optional(),
});
