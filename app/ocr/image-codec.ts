/**
 * Which sharp build decodes images. Native sharp's libvips carries its own glib, which clashes with the one an
 * Electron process links on Linux (sharp's "Electron and Linux" note), so there the WebAssembly build
 * (@img/sharp-wasm32) is used; serve and the CLI keep the faster native build. LANTERN_IMAGE_CODEC=native|wasm|auto.
 */
import { existsSync } from 'node:fs';
import { Module } from 'node:module';
import { bundleRequire } from './bundle-require';
import path from 'node:path';
import type SharpModule from 'sharp';
import { assertNever } from '../contracts/assert-never';

/** The two sharp builds. */
export type ImageCodec = 'native' | 'wasm';

/** Where a process runs, as far as the codec choice goes. */
export interface CodecRuntime {
  readonly electron: string | undefined;
  readonly platform: NodeJS.Platform;
}

/** This process's runtime. */
export const thisRuntime = (): CodecRuntime => ({
  electron: process.versions.electron,
  platform: process.platform,
});

/** The codec for a setting (unset: auto): wasm in an Electron process on Linux, native everywhere else. */
export function imageCodecFor(setting: string | undefined, runtime: CodecRuntime): ImageCodec {
  switch (setting ?? 'auto') {
    case 'native':
      return 'native';
    case 'wasm':
      return 'wasm';
    case 'auto':
    case '':
      return runtime.electron !== undefined && runtime.platform === 'linux' ? 'wasm' : 'native';
    default:
      throw new Error(`LANTERN_IMAGE_CODEC must be native, wasm or auto, not "${setting}"`);
  }
}

const require = bundleRequire();

/**
 * sharp over its WebAssembly binding. sharp's JavaScript takes its binding from one module (dist/sharp.cjs, which
 * would try the native build first); that module's cache entry is filled with @img/sharp-wasm32 before sharp loads,
 * so the native addon is never opened. Files on disk are left as installed.
 */
function wasmSharp(): typeof SharpModule {
  const bindingModule = path.join(path.dirname(require.resolve('sharp')), 'sharp.cjs');
  if (!existsSync(bindingModule))
    throw new Error(
      `sharp's binding loader ${bindingModule} is missing: the wasm codec needs sharp 0.35's layout`,
    );
  const cached = require.cache[bindingModule];
  if (!cached) {
    const m = new Module(bindingModule);
    m.filename = bindingModule;
    m.exports = require('@img/sharp-wasm32/sharp.node') as unknown;
    m.loaded = true;
    require.cache[bindingModule] = m;
  } else if (cached.exports !== require('@img/sharp-wasm32/sharp.node')) {
    throw new Error(
      'native sharp is already loaded in this process: the wasm codec must be chosen before it',
    );
  }
  return require('sharp') as typeof SharpModule;
}

/** Loads sharp with the given codec. */
export async function loadSharpWith(codec: ImageCodec): Promise<typeof SharpModule> {
  switch (codec) {
    case 'native':
      return (await import('sharp')).default;
    case 'wasm':
      return wasmSharp();
    default:
      return assertNever(codec);
  }
}
