import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuVectorExtensions, vectorExtensions } from '../../test/bench/cpu-features';

test('the results page names the vector extensions onnxruntime can use', () => {
  assert.equal(vectorExtensions(['sse4_2', 'avx', 'avx2', 'fma']), 'avx2, fma; no AVX-512');
  assert.equal(
    vectorExtensions(['avx2', 'fma', 'avx512f', 'avx512bw', 'avx512_vnni', 'avx512_bf16']),
    'AVX-512 (avx512f, avx512_vnni, avx512_bf16)',
  );
  assert.equal(vectorExtensions(['fp', 'asimd']), 'no AVX2 or AVX-512');
  assert.match(cpuVectorExtensions(), /AVX|unknown/);
});
