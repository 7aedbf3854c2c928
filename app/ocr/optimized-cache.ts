/**
 * A cache of onnxruntime-optimised graphs: the first start saves each model as onnxruntime optimised it for this CPU,
 * later starts load that file with optimisation off, which halves session creation for rec (the largest model). The
 * saved graph holds CPU-specific layouts, so the key names the source hash, the onnxruntime version and the CPU. The file
 * is written under a temporary name and renamed, so a crash never leaves a partial file under the real name; a sidecar
 * records its size (hashing it again at every start would cost what the cache saves: the source files are hashed at
 * load). A file that fails to load is deleted and rebuilt from the original model.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';

/** How a session was created: from a cached optimised graph, by optimising (and caching) now, or uncached. */
export type CacheOutcome = 'hit' | 'stored' | 'off';

/** The cache file for a source model on this machine and onnxruntime build. */
function cacheFile(dir: string, sourceSha256: string): string {
  const cpu = createHash('sha256')
    .update(`${process.arch} ${os.cpus()[0]?.model ?? ''}`)
    .digest('hex')
    .slice(0, 8);
  return path.join(dir, `${sourceSha256.slice(0, 16)}-ort${ort.env.versions.common}-${cpu}.onnx`);
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

/** Creates a CPU session for `source`, through the optimised-graph cache in `dir` when there is one. */
export async function createCachedSession(
  source: { readonly path: string; readonly sha256: string },
  so: ort.InferenceSession.SessionOptions,
  dir: string | undefined,
): Promise<{ session: ort.InferenceSession; cache: CacheOutcome }> {
  if (!dir) return { session: await ort.InferenceSession.create(source.path, so), cache: 'off' };
  const file = cacheFile(dir, source.sha256);
  const cached = await tryCached(file, so);
  if (cached) return { session: cached, cache: 'hit' };
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
  } catch {
    return { session: await ort.InferenceSession.create(source.path, so), cache: 'off' };
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(source.path, { ...so, optimizedModelFilePath: tmp });
  } catch {
    // Saving the optimised graph failed (disk full, …): the cache must never stop the model from loading.
    await rm(tmp, { force: true });
    return { session: await ort.InferenceSession.create(source.path, so), cache: 'off' };
  }
  try {
    await writeFile(sidecar(file), String((await stat(tmp)).size));
    await rename(tmp, file);
    return { session, cache: 'stored' };
  } catch {
    await rm(tmp, { force: true });
    return { session, cache: 'off' };
  }
}
