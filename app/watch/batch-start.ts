/**
 * Starts "OCR this folder now": the folder is checked and scanned before anything is registered, so a batch that
 * cannot start leaves no job and no ledger rows behind, and a batch already running on the folder is answered again.
 */
import { stat } from 'node:fs/promises';
import { LanternError } from '../contracts/errors';
import type { WatchOptions } from '../contracts/lantern-api';
import { BatchJob, type BatchHost } from './batch-job';
import { folderPath, validatedOptions } from './folder-options';
import { assertNotWatched, assertOwnOutputs } from './folder-refusals';
import type { FolderPauses } from './folder-pauses';
import type { Ledger } from './ledger';
import { fileError } from './read-file';
import { scanFolder, type FolderNotes } from './scan';
import { unreadableNotice } from './unreadable-notice';
import { watchedNotice, watchedSkips } from './watched-skips';

/** What starting a batch needs from the watch manager. */
export interface BatchStartHost {
  readonly ledger: Ledger;
  /** The batches running or paused, by folder id. */
  readonly jobs: Map<string, BatchJob>;
  readonly pauses: FolderPauses;
  /** A file is complete when its size has not changed for this long (ms). */
  readonly stabilityMs: number;
  /** What each new batch needs. */
  readonly batch: BatchHost;
}

/** The batch of folder `dir`: the one running there, or a new one with its files queued in the ledger. */
export async function startBatchJob(
  dir: string,
  options: Partial<WatchOptions>,
  host: BatchStartHost,
): Promise<BatchJob> {
  const { ledger, jobs } = host;
  const abs = folderPath(dir);
  const st = await stat(abs).catch(() => null);
  if (!st) throw new LanternError('FILE_NOT_FOUND', `no such folder: ${abs}`);
  // The same code (nothing to read there), but words that do not deny the file the user can see.
  if (!st.isDirectory()) throw new LanternError('FILE_NOT_FOUND', `not a folder (a file): ${abs}`);
  const opts = await validatedOptions(abs, options);
  await assertOwnOutputs(abs, opts, ledger.folders.list('watch'));
  const known = ledger.folders.byDir(abs);
  const already = known && jobs.get(known.id);
  if (already) return already;
  if (!known) await assertNotWatched(abs, opts, ledger.folders.list('watch'));
  // Scanned before anything is registered: a scan that fails leaves no job behind.
  // A folder that cannot be listed (no permission) is the caller's problem: say so with a code, not as INTERNAL.
  // The watched folders inside are left to their watch (and named in the batch's notice): the rest is read.
  const skips = await watchedSkips(abs, opts, ledger.folders.list('watch'));
  const notes: FolderNotes = { escapedDirs: [], unreadableDirs: [] };
  const files = await scanFolder(abs, opts, host.stabilityMs, notes, skips).catch((err: unknown) => {
    throw fileError(abs, err);
  });
  const f = ledger.folders.add(abs, opts, 'batch');
  const running = jobs.get(f.id);
  if (running) return running;
  const job = new BatchJob(f.id, f.dir, host.batch, {
    notice: unreadableNotice(notes.unreadableDirs),
    skipped: watchedNotice(skips),
  });
  jobs.set(f.id, job);
  try {
    await host.pauses.probe(f);
    for (const s of files) ledger.noteSeen(f.id, s.rel, s.size, s.mtimeMs);
    ledger.noteScanned(f.id, new Set(files.map((s) => s.rel)));
  } catch (err) {
    jobs.delete(f.id);
    job.dispose();
    throw err;
  }
  job.update(false);
  host.batch.kick();
  return job;
}
