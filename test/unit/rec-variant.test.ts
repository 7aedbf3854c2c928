import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { hasVnni, recVariantFor } from '../../app/ocr/cpu-vnni';
import { parseServeArgs } from '../../app/serve/args';
import { calibrationFile, loadCalibration, recVariantFromEnv } from '../../app/ocr/rec-int8';

const VNNI512 = ['sse4_2', 'avx2', 'avx512f', 'avx512_vnni'];
const AVX_VNNI = ['avx2', 'avx_vnni'];
const AVX2 = ['sse4_2', 'avx2', 'fma'];

test('auto runs the int8 cascade only on the CPU provider of a VNNI CPU with an accepted table; a forced choice wins on the CPU', () => {
  assert.equal(hasVnni(VNNI512), true);
  assert.equal(hasVnni(AVX_VNNI), true);
  assert.equal(hasVnni(AVX2), false);
  assert.equal(recVariantFor('auto', 'cpu', VNNI512, true), 'int8-cascade');
  assert.equal(recVariantFor('auto', 'cpu', AVX_VNNI, true), 'int8-cascade');
  assert.equal(recVariantFor('auto', 'cpu', AVX2, true), 'fp32');
  assert.equal(recVariantFor('auto', 'cpu', VNNI512, false), 'fp32');
  assert.equal(recVariantFor('auto', 'cuda', VNNI512, true), 'fp32');
  assert.equal(recVariantFor('int8', 'cpu', AVX2, false), 'int8');
  assert.equal(recVariantFor('fp32', 'cpu', VNNI512, true), 'fp32');
  assert.equal(recVariantFor('int8', 'webgpu', VNNI512, true), 'fp32');
  assert.equal(recVariantFor('int8-cascade', 'cpu', AVX2, false), 'int8-cascade');
  assert.equal(recVariantFor('int8-cascade', 'cuda', VNNI512, true), 'fp32');
});

test('LANTERN_REC_VARIANT: unset is auto, a mistyped value is an error', () => {
  assert.equal(recVariantFromEnv({}), 'auto');
  assert.equal(recVariantFromEnv({ LANTERN_REC_VARIANT: 'int8' }), 'int8');
  assert.equal(recVariantFromEnv({ LANTERN_REC_VARIANT: 'int8-cascade' }), 'int8-cascade');
  assert.throws(() => recVariantFromEnv({ LANTERN_REC_VARIANT: 'int4' }), /LANTERN_REC_VARIANT/);
});

test('a calibration table is used only for the model and rewrite it was made for', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cal-'));
  try {
    const sha = 'a'.repeat(64);
    assert.equal(loadCalibration(dir, sha, 'r1'), 'no calibration table');
    const table = {
      model: sha,
      rewrite: 'r1',
      method: 'minmax',
      images: [],
      batches: 1,
      accepted: false,
      ranges: { x: [-1, 1] },
    };
    await writeFile(calibrationFile(dir), JSON.stringify(table));
    assert.deepEqual(loadCalibration(dir, sha, 'r1'), table);
    assert.equal(loadCalibration(dir, 'b'.repeat(64), 'r1'), 'calibration table made for another model');
    assert.equal(loadCalibration(dir, sha, 'r2'), 'calibration table made for another model');
    await writeFile(calibrationFile(dir), JSON.stringify({ ...table, ranges: { x: [-1] } }));
    assert.equal(loadCalibration(dir, sha, 'r1'), 'calibration table invalid');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('serve --rec-variant takes a variant choice and refuses anything else', () => {
  assert.equal(parseServeArgs([]).recVariant, process.env.LANTERN_REC_VARIANT || 'auto');
  assert.equal(parseServeArgs(['--rec-variant', 'int8']).recVariant, 'int8');
  assert.throws(() => parseServeArgs(['--rec-variant', 'int4']), /--rec-variant/);
});
