import assert from 'node:assert/strict';
import { copyFile, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { LanternError } from '../../app/contracts/errors';
import { loadPack, readManifest } from '../../app/models/load';
import { modelsDir } from '../../app/models/paths';
import { readVerified, stampOf } from '../../app/models/verified-files';

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
      (e: unknown) =>
        e instanceof LanternError &&
        e.code === 'MODEL_MANIFEST_INVALID' &&
        /Too small.*\n.*at packs/.test(e.message),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('files verified before are not hashed again until they change, and a changed file is caught', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-models-'));
  const record = path.join(dir, 'record');
  try {
    const pack = (await readManifest(modelsDir())).packs[0]!;
    await copyFile(path.join(modelsDir(), 'manifest.json'), path.join(dir, 'manifest.json'));
    for (const role of ['det', 'cls', 'rec', 'dict'] as const)
      await copyFile(path.join(modelsDir(), pack.files[role].file), path.join(dir, pack.files[role].file));
    await loadPack(dir, undefined, record);
    const cls = path.join(dir, pack.files.cls.file);
    const rec = path.join(dir, pack.files.rec.file);
    const kept = await readVerified(record);
    assert.deepEqual([...kept.keys()].sort(), [cls, path.join(dir, pack.files.det.file), rec].sort());
    assert.equal(kept.get(cls)!.sha256, pack.files.cls.sha256);
    // Same size, one byte changed in place: the stamp (mtime, ctime) changes, so the file is hashed and refused.
    const f = await open(cls, 'r+');
    await f.write(Buffer.from([0x42]), 0, 1, 100);
    await f.close();
    await assert.rejects(
      loadPack(dir, undefined, record),
      (e: unknown) => e instanceof LanternError && e.code === 'MODEL_CORRUPT' && e.message.includes(cls),
    );
    // A record of the file as it is now, but for another hash than the manifest's (another pack version): hashed.
    await copyFile(path.join(modelsDir(), pack.files.cls.file), cls);
    await writeFile(rec, 'not a model');
    await writeFile(
      path.join(record, 'verified-files.json'),
      JSON.stringify({ [rec]: { stamp: stampOf(await stat(rec)), sha256: 'f'.repeat(64) } }),
    );
    await assert.rejects(
      loadPack(dir, undefined, record),
      (e: unknown) => (e as LanternError).code === 'MODEL_CORRUPT',
    );
    // A damaged record is ignored.
    await copyFile(path.join(modelsDir(), pack.files.rec.file), rec);
    await writeFile(path.join(record, 'verified-files.json'), '{not json');
    assert.equal((await loadPack(dir, undefined, record)).dictionary.length, 6623);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a models folder without a readable manifest fails coded, naming the folder and how to point at another', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lantern-models-'));
  try {
    const coded =
      (code: string, ...parts: string[]) =>
      (e: unknown) =>
        e instanceof LanternError && e.code === code && parts.every((p) => e.message.includes(p));
    // No manifest at all (an empty volume, a wrong LANTERN_MODELS_DIR).
    await assert.rejects(loadPack(dir), coded('MODEL_MISSING', dir, 'LANTERN_MODELS_DIR'));
    await assert.rejects(
      loadPack(path.join(dir, 'absent')),
      coded('MODEL_MISSING', path.join(dir, 'absent'), 'LANTERN_MODELS_DIR'),
    );
    // The "folder" is a file.
    await writeFile(path.join(dir, 'file'), 'x');
    await assert.rejects(loadPack(path.join(dir, 'file')), coded('MODEL_MISSING', 'ENOTDIR'));
    // The manifest is cut short (a copy that stopped half-way).
    const whole = await readFile(path.join(modelsDir(), 'manifest.json'), 'utf8');
    await writeFile(path.join(dir, 'manifest.json'), whole.slice(0, whole.length / 2));
    await assert.rejects(readManifest(dir), coded('MODEL_MANIFEST_INVALID', 'manifest.json', 'JSON'));
    // A model file that cannot be read says why, not only "missing".
    await writeFile(path.join(dir, 'manifest.json'), whole);
    const pack = (await readManifest(dir)).packs[0]!;
    for (const role of ['cls', 'rec', 'dict'] as const)
      await copyFile(path.join(modelsDir(), pack.files[role].file), path.join(dir, pack.files[role].file));
    await mkdir(path.join(dir, pack.files.det.file));
    await assert.rejects(loadPack(dir), coded('MODEL_MISSING', pack.files.det.file, 'EISDIR'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
