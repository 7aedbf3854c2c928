import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import { loadPack, readManifest } from '../../app/models/load';
import { modelsDir } from '../../app/models/paths';

test('the real pack verifies and its dictionary has the 6623 entries the recogniser expects', async () => {
  const pack = await loadPack(modelsDir());
  assert.equal(pack.dictionary.length, 6623);
  assert.match(pack.paths.det, /ch_PP-OCRv4_det_infer\.onnx$/);
});

test('a corrupt or missing model file fails with a message naming it', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-models-'));
  try {
    const manifest = await readManifest(modelsDir());
    await copyFile(path.join(modelsDir(), 'manifest.json'), path.join(dir, 'manifest.json'));
    const pack = manifest.packs[0]!;
    for (const role of ['det', 'cls', 'rec', 'dict'] as const)
      await copyFile(path.join(modelsDir(), pack.files[role].file), path.join(dir, pack.files[role].file));
    await writeFile(path.join(dir, pack.files.cls.file), 'not a model');
    await assert.rejects(
      loadPack(dir),
      (e: unknown) =>
        e instanceof LanternError && e.code === 'MODEL_CORRUPT' && e.message.includes(pack.files.cls.file),
    );
    await rm(path.join(dir, pack.files.rec.file));
    await copyFile(path.join(modelsDir(), pack.files.cls.file), path.join(dir, pack.files.cls.file));
    await assert.rejects(
      loadPack(dir),
      (e: unknown) =>
        e instanceof LanternError && e.code === 'MODEL_MISSING' && e.message.includes(pack.files.rec.file),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an invalid manifest is refused', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-models-'));
  try {
    await writeFile(
      path.join(dir, 'manifest.json'),
      JSON.stringify({ version: 1, defaultPack: 'x', packs: [] }),
    );
    await assert.rejects(
      readManifest(dir),
      (e: unknown) => e instanceof LanternError && e.code === 'MODEL_MANIFEST_INVALID',
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
