import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gpuLine } from '../../test/bench/gpu-info';

const H200 = ['NVIDIA H200, driver 580.159.04, 143771 MiB'];

test('the results page says which GPU ran, or why none did', () => {
  assert.match(gpuLine('cpu', 'CPU', []), /^none found .*CPU-only/);
  assert.match(gpuLine('cpu', 'CPU', H200), /^NVIDIA H200.*not used, this run asked for the CPU provider/);
  const ran = gpuLine('webgpu', 'WebGPU — CUDA unavailable: CUDA provider files not installed', H200);
  assert.match(ran, /^NVIDIA H200.*`--provider webgpu` and ran on: WebGPU — CUDA unavailable/);
  const fellBack = gpuLine('webgpu', 'CPU — WebGPU unavailable: no Vulkan loader', []);
  assert.match(fellBack, /^no NVIDIA GPU found.*ran on: CPU — WebGPU unavailable/);
  assert.match(gpuLine('cuda', undefined, H200), /ran on: unknown \(no Lantern OCR process became ready\)/);
});
