/** Execution-provider names as settings, status and the UI share them (the per-platform choice lives in app/ocr). */

/** What a user or setting may ask for. */
export type ProviderChoice = 'auto' | 'cpu' | 'cuda' | 'dml' | 'coreml' | 'webgpu';

/** A concrete onnxruntime execution provider. */
export type ProviderName = Exclude<ProviderChoice, 'auto'>;

/** Every accepted choice, for argument and settings validation. */
export const PROVIDER_CHOICES: readonly ProviderChoice[] = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'];

/** Whether a command-line or message string is an accepted choice (narrows it, so callers need no cast). */
export function isProviderChoice(s: string): s is ProviderChoice {
  return (PROVIDER_CHOICES as readonly string[]).includes(s);
}

/** Human names used in the status line. */
export const PROVIDER_LABEL: Readonly<Record<ProviderName, string>> = {
  cpu: 'CPU',
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'CoreML',
  webgpu: 'WebGPU',
};
