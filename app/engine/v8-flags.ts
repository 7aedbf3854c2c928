/**
 * V8 flags for the engine worker process, passed by both launchers. Its JavaScript makes small objects around large
 * native buffers (pixels, tensors), so V8's young generation fills slowly with little that survives; left to itself V8
 * still doubles each semi-space to 16 MiB after several hundred requests, a lasting 16 MiB step in resident memory that
 * looks like a leak. Capped at 8 MiB the step never comes, at the same CPU per page (docs/engine.md).
 */

/** The flags themselves. */
export const ENGINE_V8_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** `execArgv` for Node's `child_process.fork`: V8 flags go on Node's command line as they are. */
export const ENGINE_EXEC_ARGV: readonly string[] = ENGINE_V8_FLAGS;

/**
 * `execArgv` for Electron's `utilityProcess.fork`. There they become Chromium switches of the utility process, which
 * hands Node only its debugging options and drops the rest; V8's own flags are read from `--js-flags`, before the
 * isolate is made (Electron's JavascriptEnvironment).
 */
export const UTILITY_EXEC_ARGV: readonly string[] = [`--js-flags=${ENGINE_V8_FLAGS.join(' ')}`];
