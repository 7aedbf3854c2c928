/** Execution-provider choice: which GPU providers `auto` tries per platform, and how a choice is reported. */

import { PROVIDER_LABEL, type ProviderChoice, type ProviderName } from '../contracts/providers';

export {
  isProviderChoice,
  PROVIDER_CHOICES,
  PROVIDER_LABEL,
  type ProviderChoice,
  type ProviderName,
} from '../contracts/providers';

/** The providers tried, in order, for a choice on a platform; CPU is always last. */
export function providerCandidates(choice: ProviderChoice, platform: NodeJS.Platform): ProviderName[] {
  if (choice !== 'auto') return choice === 'cpu' ? ['cpu'] : [choice, 'cpu'];
  switch (platform) {
    case 'win32':
      return ['cuda', 'dml', 'webgpu', 'cpu'];
    case 'darwin':
      return ['coreml', 'webgpu', 'cpu'];
    case 'linux':
      return ['cuda', 'webgpu', 'cpu'];
    default:
      return ['cpu'];
  }
}

/** A provider that could not be used, with the reason onnxruntime gave. */
export interface ProviderFailure {
  readonly provider: ProviderName;
  readonly reason: string;
}

/** Which provider runs and why the ones before it did not. */
export interface ProviderReport {
  readonly provider: ProviderName;
  readonly failures: readonly ProviderFailure[];
  readonly summary: string;
}

/** Builds the report line, e.g. "CPU — WebGPU unavailable: no adapter". */
export function providerSummary(
  provider: ProviderName,
  failures: readonly ProviderFailure[],
): ProviderReport {
  const why = failures.map((f) => `${PROVIDER_LABEL[f.provider]} unavailable: ${f.reason}`).join('; ');
  return {
    provider,
    failures,
    summary: why ? `${PROVIDER_LABEL[provider]} — ${why}` : PROVIDER_LABEL[provider],
  };
}

/** Shortens onnxruntime's multi-line provider errors to their useful tail. */
export function shortReason(message: string): string {
  const line = message.split('\n').find((l) => l.trim().length > 0) ?? message;
  const m =
    /(Failed to [^.]*|No supported adapters|cannot open shared object file[^.]*|not (?:supported|available)[^.]*)/i.exec(
      line,
    );
  return (m ? m[1]! : line).trim().slice(0, 200);
}
