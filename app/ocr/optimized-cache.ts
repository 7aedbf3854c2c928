/**
 * A cache of onnxruntime-optimised graphs: the first start saves each model as onnxruntime optimised it for this CPU,
 * later starts load that file with optimisation off, which saves much of session creation for rec (the largest model).
 * The saved graph holds CPU-specific layouts, so the key names the source hash, the onnxruntime version and the CPU.
 * The file is written under a temporary name and renamed, so a crash never leaves a partial file under the real name; a
 * sidecar records its size (hashing it again at every start would cost what the cache saves: the source files are
 * hashed at load). A file that fails to load is deleted and rebuilt from the original model. The key also names the
 * graph rewrites (graph/rewrite.ts) applied before onnxruntime optimises, so a changed rewrite never loads a stale
 * graph.
 *
 * GPU providers cannot use that cache (they optimise for their device at load), but our rewrite is the same on every
 * machine: it is cached on its own (`createRewrittenSession`), so a GPU start skips rewriting
 * (figures: docs/engine.md).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { keepOrtTelemetryOff } from './ort-telemetry';
import { GRAPH_REWRITE_ID, rewriteModel, type ModelRole } from './graph/rewrite';
import { int8Rec, type Calibration } from './rec-int8';
import { QDQ_ID } from './graph/qdq';

/** Every session of the app starts here, so onnxruntime's telemetry is off before its first one (ort-telemetry.ts). */
function newSession(
  model: string | Uint8Array,
  so: ort.InferenceSession.SessionOptions,
): Promise<ort.InferenceSession> {
  keepOrtTelemetryOff();
  return typeof model === 'string'
    ? ort.InferenceSession.create(model, so)
    : ort.InferenceSession.create(model, so);
}

// onnxruntime's own environment logs warnings in colour on stderr (every run as a service user, in a container):
// errors only, as each session's logSeverityLevel says.
ort.env.logLevel = 'error';

/** How a session was created: from a cached optimised graph, by optimising (and caching) now, or uncached. */
export type CacheOutcome = 'hit' | 'stored' | 'off';

/** A model file (verified against `sha256`), its role, and whether its graph is rewritten before onnxruntime loads it. */
export interface ModelSource {
  readonly role: ModelRole;
  readonly path: string;
  readonly sha256: string;
  readonly rewrite: boolean;
  /** With a calibration table, the rewritten recogniser is quantised to int8 (rec-int8.ts). */
  readonly int8?: Calibration;
}

/** The source model's bytes after the graph rewrites. */
async function rewritten(source: ModelSource): Promise<Uint8Array> {
  const b = await readFile(source.path);
  const bytes = rewriteModel(source.role, new Uint8Array(b.buffer, b.byteOffset, b.length));
  return source.int8 ? int8Rec(bytes, source.int8) : bytes;
}

/** The graph part of a cache key: the rewrite id, plus the calibration table's hash for the int8 recogniser. */
function graphKey(source: ModelSource): string {
  if (!source.rewrite) return 'asis';
  if (!source.int8) return GRAPH_REWRITE_ID;
  const table = createHash('sha256').update(JSON.stringify(source.int8.ranges)).digest('hex').slice(0, 8);
  return `${GRAPH_REWRITE_ID}${INT8}${QDQ_ID}-${table}`;
}

/** Marks the int8 recogniser's cache files, which live next to the fp32 ones (either may be chosen at the next start). */
const INT8 = '-int8-';

/** What onnxruntime loads for a source: the rewritten bytes, or the file as shipped. */
async function modelFor(source: ModelSource): Promise<string | Uint8Array> {
  return source.rewrite ? rewritten(source) : source.path;
}

/** The cache file for a source model on this machine and onnxruntime build. */
function cacheFile(dir: string, source: ModelSource): string {
  const cpu = createHash('sha256')
    .update(`${process.arch} ${os.cpus()[0]?.model ?? ''}`)
    .digest('hex')
    .slice(0, 8);
  const graph = graphKey(source);
  return path.join(dir, `${source.sha256.slice(0, 16)}-${graph}-ort${ort.env.versions.common}-${cpu}.onnx`);
}

/** Ending of the rewritten-graph files (provider-independent), told apart from onnxruntime-optimised ones. */
const REWRITTEN = '.rewritten.onnx';

/** The rewritten-graph file for a source model: our rewrite depends only on the source and the rewrite id. */
function rewrittenFile(dir: string, source: ModelSource): string {
  return path.join(dir, `${source.sha256.slice(0, 16)}-${graphKey(source)}${REWRITTEN}`);
}

const sidecar = (file: string) => `${file}.size`;

/** Whether `file` is there whole (its size as recorded when it was stored); a partial or unrecorded one is removed. */
async function stored(file: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  try {
    const [st, want] = await Promise.all([stat(file), readFile(sidecar(file), 'utf8')]);
    if (st.size === Number(want.trim())) return true;
  } catch {
    // No record of its size: dropped below.
  }
  await drop(file);
  return false;
}

/** Removes a cache file and its record. */
const drop = (file: string) =>
  // best effort: a file left behind is checked again at the next start
  Promise.all([rm(file, { force: true }), rm(sidecar(file), { force: true })]).catch(() => undefined);

/** Creates a session from a stored file; a file onnxruntime cannot load is dropped (and rebuilt by the caller). */
async function tryStored(file: string, so: ort.InferenceSession.SessionOptions) {
  if (!(await stored(file))) return undefined;
  try {
    return await newSession(file, so);
  } catch {
    // A damaged or foreign cache file: rebuilt from the original model.
    await drop(file);
    return undefined;
  }
}

/** Records `tmp`'s size and renames it to `file`: a crash never leaves a partial file under the real name. */
async function commit(tmp: string, file: string): Promise<void> {
  await writeFile(sidecar(file), String((await stat(tmp)).size));
  await rename(tmp, file);
}

/**
 * Removes this model's cache files of the same kind for another onnxruntime, CPU or rewrite (left by an upgrade), so the
 * folder holds one graph of each kind per model. Best effort: the cache works without it.
 */
async function dropSuperseded(dir: string, keep: string, sourceSha256: string): Promise<void> {
  const prefix = `${sourceSha256.slice(0, 16)}-`;
  const rewritten = keep.endsWith(REWRITTEN);
  const int8 = keep.includes(INT8);
  try {
    for (const f of await readdir(dir)) {
      const full = path.join(dir, f);
      if (
        f.startsWith(prefix) &&
        f.endsWith('.onnx') &&
        f.endsWith(REWRITTEN) === rewritten &&
        f.includes(INT8) === int8 &&
        full !== keep
      )
        await drop(full);
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
  const create = (o: ort.InferenceSession.SessionOptions) => createUncached(source, o);
  if (!dir) return { session: await create(so), cache: 'off' };
  const file = cacheFile(dir, source);
  const cached = await tryStored(file, { ...so, graphOptimizationLevel: 'disabled' });
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
  return keep(session, tmp, file, source);
}

/** Creates a session from the source without the cache. */
async function createUncached(source: ModelSource, so: ort.InferenceSession.SessionOptions) {
  return newSession(await modelFor(source), so);
}

/** Moves the written `tmp` to `file` and drops what it supersedes; the session is returned whatever happens. */
async function keep(
  session: ort.InferenceSession,
  tmp: string,
  file: string,
  source: ModelSource,
): Promise<{ session: ort.InferenceSession; cache: CacheOutcome }> {
  try {
    await commit(tmp, file);
    await dropSuperseded(path.dirname(file), file, source.sha256);
    return { session, cache: 'stored' };
  } catch {
    // The cache must never stop the model from loading.
    await rm(tmp, { force: true }).catch(() => undefined);
    return { session, cache: 'off' };
  }
}

/**
 * Creates a session for a GPU provider (`so`), loading the rewritten graph from the cache in `dir` when it is there and
 * storing it when not; onnxruntime optimises for the device at load, as without a cache. Errors other than the
 * cache's own are the provider's (the caller falls back to the next provider).
 */
export async function createRewrittenSession(
  source: ModelSource,
  so: ort.InferenceSession.SessionOptions,
  dir: string | undefined,
): Promise<{ session: ort.InferenceSession; cache: CacheOutcome }> {
  if (!dir || !source.rewrite) return { session: await createUncached(source, so), cache: 'off' };
  const file = rewrittenFile(dir, source);
  if (await stored(file)) {
    try {
      return { session: await newSession(file, so), cache: 'hit' };
    } catch {
      // A damaged file, or a provider that cannot run here: loading the fresh rewrite below tells them apart (it
      // replaces a damaged file; the provider's error is thrown from it and a sound file is kept).
    }
  }
  const bytes = await rewritten(source);
  const session = await newSession(bytes, so);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(tmp, bytes);
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined); // the cache is off either way
    return { session, cache: 'off' };
  }
  return keep(session, tmp, file, source);
}
