/**
 * A cache of onnxruntime-optimised graphs: the first start saves each model as onnxruntime optimised it for this CPU,
 * later starts load that file with optimisation off, which halves session creation for rec (the largest model). The
 * saved graph holds CPU-specific layouts, so the key names the source hash, the onnxruntime version and the CPU. The file
 * is written under a temporary name and renamed, so a crash never leaves a partial file under the real name; a sidecar
 * records its size (hashing it again at every start would cost what the cache saves: the source files are hashed at
 * load). A file that fails to load is deleted and rebuilt from the original model. The key also names the graph rewrites
 * (graph/rewrite.ts) applied before onnxruntime optimises, so a changed rewrite never loads a stale graph.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { GRAPH_REWRITE_ID, rewriteModel, type ModelRole } from './graph/rewrite';

/** How a session was created: from a cached optimised graph, by optimising (and caching) now, or uncached. */
export type CacheOutcome = 'hit' | 'stored' | 'off';

/** A model file (verified against `sha256`), its role, and whether its graph is rewritten before onnxruntime loads it. */
export interface ModelSource {
  readonly role: ModelRole;
  readonly path: string;
  readonly sha256: string;
  readonly rewrite: boolean;
}

/** What onnxruntime loads for a source: the rewritten bytes, or the file as shipped. */
async function modelFor(source: ModelSource): Promise<string | Uint8Array> {
  if (!source.rewrite) return source.path;
  const b = await readFile(source.path);
  return rewriteModel(source.role, new Uint8Array(b.buffer, b.byteOffset, b.length));
}

/** The cache file for a source model on this machine and onnxruntime build. */
function cacheFile(dir: string, source: ModelSource): string {
  const cpu = createHash('sha256')
    .update(`${process.arch} ${os.cpus()[0]?.model ?? ''}`)
    .digest('hex')
    .slice(0, 8);
  const graph = source.rewrite ? GRAPH_REWRITE_ID : 'asis';
  return path.join(dir, `${source.sha256.slice(0, 16)}-${graph}-ort${ort.env.versions.common}-${cpu}.onnx`);
}

const sidecar = (file: string) => `${file}.size`;

async function tryCached(file: string, so: ort.InferenceSession.SessionOptions) {
  if (!existsSync(file) || !existsSync(sidecar(file))) return undefined;
  try {
    const [st, want] = await Promise.all([stat(file), readFile(sidecar(file), 'utf8')]);
    if (st.size === Number(want.trim()))
      return await ort.InferenceSession.create(file, { ...so, graphOptimizationLevel: 'disabled' });
  } catch {
    // A damaged or foreign cache file: dropped below and rebuilt from the original model.
  }
  await Promise.all([rm(file, { force: true }), rm(sidecar(file), { force: true })]);
  return undefined;
}

/**
 * Removes this model's cache files for another onnxruntime, CPU or rewrite (left by an upgrade), so the folder holds
 * one graph per model. Best effort: the cache works without it.
 */
async function dropSuperseded(dir: string, keep: string, sourceSha256: string): Promise<void> {
  const prefix = `${sourceSha256.slice(0, 16)}-`;
  try {
    for (const f of await readdir(dir)) {
      const full = path.join(dir, f);
      if (f.startsWith(prefix) && f.endsWith('.onnx') && full !== keep)
        await Promise.all([rm(full, { force: true }), rm(sidecar(full), { force: true })]);
    }
  } catch {
    // Listing or removing failed: stale files only cost disk space.
  }
}

/** Creates a CPU session for `source`, through the optimised-graph cache in `dir` when there is one. */
export async function createCachedSession(
  source: ModelSource,
  so: ort.InferenceSession.SessionOptions,
  dir: string | undefined,
): Promise<{ session: ort.InferenceSession; cache: CacheOutcome }> {
  const create = async (o: ort.InferenceSession.SessionOptions) => {
    const model = await modelFor(source);
    return typeof model === 'string'
      ? ort.InferenceSession.create(model, o)
      : ort.InferenceSession.create(model, o);
  };
  if (!dir) return { session: await create(so), cache: 'off' };
  const file = cacheFile(dir, source);
  const cached = await tryCached(file, so);
  if (cached) return { session: cached, cache: 'hit' };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
  } catch {
    return { session: await create(so), cache: 'off' };
  }
  let session: ort.InferenceSession;
  try {
    session = await create({ ...so, optimizedModelFilePath: tmp });
  } catch {
    // Saving the optimised graph failed (disk full, …): the cache must never stop the model from loading.
    await rm(tmp, { force: true });
    return { session: await create(so), cache: 'off' };
  }
  try {
    await writeFile(sidecar(file), String((await stat(tmp)).size));
    await rename(tmp, file);
    await dropSuperseded(dir, file, source.sha256);
    return { session, cache: 'stored' };
  } catch {
    await rm(tmp, { force: true });
    return { session, cache: 'off' };
  }
}
