/**
 * Cheap checks that tell, before onnxruntime is asked, that a GPU provider cannot work on this machine: trying anyway
 * costs start-up time and, for WebGPU without a Vulkan loader, prints Dawn's warning to stderr on every start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { bundleRequire } from './bundle-require';
import path from 'node:path';
import type { ProviderName } from './providers';

/** What the checks look at, passed in so that tests can describe a machine. */
export interface MachineProbe {
  readonly platform: NodeJS.Platform;
  readonly exists: (file: string) => boolean;
  /** The dynamic loader's cache (/etc/ld.so.cache), or undefined where there is none (NixOS, musl). */
  readonly ldCache: () => Uint8Array | undefined;
  readonly ldLibraryPath: string | undefined;
  /** Folder of onnxruntime-node's native binding, or undefined when it cannot be resolved. */
  readonly ortBinDir: () => string | undefined;
}

const VULKAN_LOADER = 'libvulkan.so.1';

/** Whether the Linux dynamic loader can find `lib` (ld.so.cache or LD_LIBRARY_PATH); undefined when it cannot tell. */
export function linuxLibraryFound(lib: string, m: MachineProbe): boolean | undefined {
  const dirs = (m.ldLibraryPath ?? '').split(':').filter((d) => d.length > 0);
  if (dirs.some((d) => m.exists(path.join(d, lib)))) return true;
  const cache = m.ldCache();
  if (!cache) return undefined;
  return Buffer.from(cache.buffer, cache.byteOffset, cache.byteLength).includes(lib);
}

/** Why provider `p` cannot work here, or undefined when it may (onnxruntime then has the last word). */
export function precheck(p: ProviderName, m: MachineProbe): string | undefined {
  if (m.platform !== 'linux') return undefined;
  if (p === 'cuda') {
    const bin = m.ortBinDir();
    if (bin && !m.exists(path.join(bin, 'libonnxruntime_providers_cuda.so')))
      return 'CUDA provider files not installed (npm ci --onnxruntime-node-install=cuda12)';
  }
  if (p === 'webgpu' && linuxLibraryFound(VULKAN_LOADER, m) === false)
    return `no Vulkan loader (${VULKAN_LOADER}; install libvulkan1 and a GPU driver)`;
  return undefined;
}

/** The probe of the running machine. */
export function thisMachine(): MachineProbe {
  return {
    platform: process.platform,
    exists: existsSync,
    ldCache: () => {
      try {
        return readFileSync('/etc/ld.so.cache');
      } catch {
        return undefined;
      }
    },
    ldLibraryPath: process.env.LD_LIBRARY_PATH,
    ortBinDir: () => {
      try {
        const binding = path.dirname(bundleRequire().resolve('onnxruntime-node'));
        return path.join(binding, '..', 'bin', 'napi-v6', 'linux', process.arch);
      } catch {
        return undefined;
      }
    },
  };
}
