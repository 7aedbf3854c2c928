/** What the watch API does with the batches not ended (running or paused), kept by folder id in the manager. */
import type { BatchAction, BatchProgress } from '../contracts/lantern-api';
import type { BatchJob } from './batch-job';
import type { FolderRow, Ledger } from './ledger';

/** The batches running or paused, with their progress now: a window that opens later shows and controls them. */
export function batchProgress(jobs: ReadonlyMap<string, BatchJob>): BatchProgress[] {
  return [...jobs.values()].map((j) => j.progress());
}

/** The folders of the batches not ended, but `dir`'s own: a watch of it takes over its rows. */
export function batchFolders(jobs: ReadonlyMap<string, BatchJob>, ledger: Ledger, dir: string): FolderRow[] {
  const rows = [...jobs.keys()].map((id) => ledger.folders.get(id));
  return rows.filter((f): f is FolderRow => f !== undefined && f.kind === 'batch' && f.dir !== dir);
}

/**
 * Pauses, resumes or cancels a batch by id; false when none runs with that id. `refuseResume` throws when no batch
 * may go on (a damaged ledger): pausing and cancelling stay allowed.
 */
export function controlBatch(
  jobs: ReadonlyMap<string, BatchJob>,
  batchId: string,
  action: BatchAction,
  refuseResume: () => void,
): boolean {
  const job = [...jobs.values()].find((j) => j.id === batchId);
  if (!job) return false;
  if (action === 'resume') refuseResume();
  if (action === 'pause') job.pause();
  else if (action === 'resume') job.resume();
  else job.cancel();
  return true;
}
