/** Which recogniser variant a session loads: int8 only on the CPU provider of a CPU with int8 dot products (VNNI). */
import { readFileSync } from 'node:fs';
import type { ProviderName } from './providers';
import type { RecVariant, RecVariantChoice } from './rec-int8';

/** Whether cpuinfo flags name an int8 dot-product extension (AVX-512 VNNI or AVX-VNNI). */
export function hasVnni(flags: readonly string[]): boolean {
  return flags.includes('avx512_vnni') || flags.includes('avx_vnni');
}

/** This CPU's flags (Linux /proc/cpuinfo); empty where they cannot be read, which reads as "no VNNI". */
export function cpuFlags(): string[] {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => /^flags\s*:/.test(l));
    return line ? line.split(':')[1]!.trim().split(/\s+/) : [];
  } catch {
    return [];
  }
}

/**
 * The variant to load: GPU providers always fp32; on the CPU a forced choice, else the int8 cascade exactly when the CPU
 * has VNNI and the cascade passed the accuracy gate with this table (`accepted`).
 */
export function recVariantFor(
  choice: RecVariantChoice,
  provider: ProviderName,
  flags: readonly string[],
  accepted: boolean,
): RecVariant {
  if (provider !== 'cpu') return 'fp32';
  if (choice !== 'auto') return choice;
  return hasVnni(flags) && accepted ? 'int8-cascade' : 'fp32';
}
