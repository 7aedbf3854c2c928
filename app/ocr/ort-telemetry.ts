/**
 * onnxruntime's own usage telemetry stays off. Its Linux and macOS builds upload session, model and device
 * events to Microsoft by default, keep a device id and an offline event store in the user's cache folder, and read
 * `ORT_DISABLE_TELEMETRY` once, when a process creates its first session. An OCR app that promises to keep people's
 * images on their machine sends nothing about them either; a user who sets the variable themselves keeps their value.
 */

/** The variable onnxruntime reads, and the value that turns its telemetry off. */
const ORT_TELEMETRY_OFF: Readonly<Record<string, string>> = { ORT_DISABLE_TELEMETRY: '1' };

/** The variables a process about to load onnxruntime needs on top of `base`: none when `base` already decides. */
export function ortTelemetryEnv(base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return base.ORT_DISABLE_TELEMETRY === undefined ? { ...ORT_TELEMETRY_OFF } : {};
}

/**
 * Turns it off in this process before its first session (a main thread's `process.env` is the process's own
 * environment; a worker thread's is a copy, so there it is the launcher's variable that counts).
 */
export function keepOrtTelemetryOff(env: NodeJS.ProcessEnv = process.env): void {
  Object.assign(env, ortTelemetryEnv(env));
}
