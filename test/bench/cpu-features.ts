/**
 * The results page's vector-extension note. onnxruntime's CPU kernels (MLAS) choose their code by the CPU's vector
 * extensions, and this 2-core VM lands on different hosts: on an AVX2-only host rec took 1.8x as long a page as in
 * earlier runs while decode (libvips) did not move and the fastest peer slowed by only 1.2x, so the ratios against the
 * peers depend on the host. The note lets a reader tell a host change from a code change.
 */
import { readFileSync } from 'node:fs';

/** The vector extensions onnxruntime's CPU kernels care about, from a cpuinfo `flags` list. */
export function vectorExtensions(flags: readonly string[]): string {
  const has = new Set(flags);
  const avx512 = ['avx512f', 'avx512_vnni', 'avx512_bf16'].filter((f) => has.has(f));
  if (avx512.length > 0) return `AVX-512 (${avx512.join(', ')})`;
  const avx = ['avx2', 'fma', 'avx_vnni'].filter((f) => has.has(f));
  return avx.length > 0 ? `${avx.join(', ')}; no AVX-512` : 'no AVX2 or AVX-512';
}

/** This machine's vector extensions (Linux: /proc/cpuinfo), or why they are unknown. */
export function cpuVectorExtensions(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => /^(flags|Features)\s*:/.test(l));
    return line
      ? vectorExtensions(line.split(':')[1]!.trim().split(/\s+/))
      : 'unknown (no flags in /proc/cpuinfo)';
  } catch {
    return 'unknown (no /proc/cpuinfo)';
  }
}
