import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linuxLibraryFound, precheck, thisMachine, type MachineProbe } from '../../app/ocr/provider-precheck';

const machine = (over: Partial<MachineProbe>): MachineProbe => ({
  platform: 'linux',
  exists: () => false,
  ldCache: () => new TextEncoder().encode('ld.so-1.7.0\0libc.so.6\0/usr/lib/x86_64-linux-gnu/libc.so.6\0'),
  ldLibraryPath: undefined,
  ortBinDir: () => '/ort/bin',
  ...over,
});

test('WebGPU is skipped on Linux when the loader cache lists no Vulkan loader, with the reason', () => {
  assert.match(precheck('webgpu', machine({})) ?? '', /no Vulkan loader \(libvulkan\.so\.1/);
});

test('WebGPU is tried when the Vulkan loader is in the cache or on LD_LIBRARY_PATH', () => {
  const withCache = machine({ ldCache: () => new TextEncoder().encode('\0libvulkan.so.1\0') });
  assert.equal(precheck('webgpu', withCache), undefined);
  const onPath = machine({
    ldLibraryPath: '/opt/vk/lib:',
    exists: (f) => f === '/opt/vk/lib/libvulkan.so.1',
  });
  assert.equal(precheck('webgpu', onPath), undefined);
});

test('without a loader cache (NixOS, musl) the check cannot tell, so onnxruntime is asked', () => {
  const m = machine({ ldCache: () => undefined });
  assert.equal(linuxLibraryFound('libvulkan.so.1', m), undefined);
  assert.equal(precheck('webgpu', m), undefined);
});

test('CUDA is skipped when the CUDA provider library is not installed beside the binding', () => {
  assert.match(precheck('cuda', machine({})) ?? '', /--onnxruntime-node-install=cuda12/);
  const installed = machine({ exists: (f) => f === '/ort/bin/libonnxruntime_providers_cuda.so' });
  assert.equal(precheck('cuda', installed), undefined);
});

test('no precheck off Linux, nor for the CPU', () => {
  assert.equal(precheck('webgpu', machine({ platform: 'win32' })), undefined);
  assert.equal(precheck('cpu', machine({})), undefined);
});

test('the probe of this machine agrees with the dynamic loader about libc', () => {
  if (process.platform !== 'linux') return;
  assert.equal(linuxLibraryFound('libc.so.6', thisMachine()), true);
});
