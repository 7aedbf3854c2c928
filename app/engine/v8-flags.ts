/**
 * V8 flags for the engine worker process, passed by both launchers (`execArgv`). Its JavaScript makes small objects
 * around large native buffers (pixels, tensors), so V8's young generation fills slowly with little that survives; left
 * to itself V8 still doubles each semi-space to 16 MiB after several hundred requests, a step of 16 MiB in resident
 * memory that the memory-drift figure read as growth. Capped at 8 MiB the step never comes, at the same CPU per page
 * (measurements in docs/engine.md).
 */

/** Arguments for the worker's V8, before its script. */
export const ENGINE_EXEC_ARGV: readonly string[] = ['--max-semi-space-size=8'];
