import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionOptions } from '../../app/ocr/sessions';

test('onnxruntime threads sleep between runs instead of spinning, on every provider', () => {
  for (const p of ['cpu', 'webgpu', 'cuda'] as const) {
    const so = sessionOptions(p, 0);
    assert.deepEqual(so.extra, { session: { intra_op: { allow_spinning: '0' } } }, p);
    assert.ok((so.intraOpNumThreads ?? 0) >= 1, `${p}: at least one intra-op thread`);
  }
  assert.equal(sessionOptions('cpu', 1).intraOpNumThreads, 1, 'an explicit thread count is kept');
});
