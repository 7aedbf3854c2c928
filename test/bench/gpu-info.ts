/** The results page's GPU line: which GPU the machine has (nvidia-smi) and whether Lantern OCR ran on it. */
import { spawnSync } from 'node:child_process';
import type { ProviderChoice } from '../../app/ocr/providers';

/** The machine's NVIDIA GPUs as nvidia-smi names them ("NVIDIA H200, driver 580.159.04, 143771 MiB"), if any. */
export function nvidiaGpus(): string[] {
  const r = spawnSync(
    'nvidia-smi',
    ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'],
    {
      encoding: 'utf8',
      timeout: 10_000,
    },
  );
  if (r.status !== 0 || !r.stdout) return [];
  return r.stdout
    .split('\n')
    .map((l) => l.split(',').map((x) => x.trim()))
    .filter((f) => f.length === 3 && f[0])
    .map(([name, driver, mem]) => `${name}, driver ${driver}, ${mem}`);
}

/** What the run says about the GPU: none found, present but not asked for, or the provider that ran on it. */
export function gpuLine(
  asked: ProviderChoice,
  ran: string | undefined,
  gpus: readonly string[] = nvidiaGpus(),
): string {
  const found = gpus.length > 0 ? gpus.join('; ') : undefined;
  if (asked === 'cpu')
    return found
      ? `${found}: not used, this run asked for the CPU provider (\`--provider cpu\`).`
      : 'none found (no `nvidia-smi`), so every figure is CPU-only.';
  return `${found ?? 'no NVIDIA GPU found (no `nvidia-smi`)'}; Lantern OCR was asked for \`--provider ${asked}\` and ran on: ${ran ?? 'unknown (no Lantern OCR process became ready)'}. The peers run on the CPU.`;
}
