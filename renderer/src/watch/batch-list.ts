/** The batches Batch & Watch shows: every one running or paused, and the latest that ended (its outcome). */
import type { BatchProgress } from '../../../app/contracts/lantern-api';

const ended = (b: BatchProgress) => b.state === 'finished' || b.state === 'cancelled';

/** The list after a batch event: the batch's line is updated in place; an ended batch's line gives way to newer news. */
export function withBatchEvent(list: readonly BatchProgress[], e: BatchProgress): readonly BatchProgress[] {
  const next = list.some((b) => b.batchId === e.batchId)
    ? list.map((b) => (b.batchId === e.batchId ? e : b))
    : [...list, e];
  return next.filter((b) => b.batchId === e.batchId || !ended(b));
}

/**
 * The list after the server listed the batches running or paused: it knows them all (a page that loads has heard no
 * event yet), except what this page heard while the listing was on its way (`heardSince`: a batch that started or
 * moved since is newer here) and a batch whose end this page heard already, which an earlier listing cannot bring back.
 */
export function withListedBatches(
  list: readonly BatchProgress[],
  listed: readonly BatchProgress[],
  heardSince: ReadonlySet<string>,
): readonly BatchProgress[] {
  const newer = new Map(list.filter((b) => ended(b) || heardSince.has(b.batchId)).map((b) => [b.batchId, b]));
  const listedIds = new Set(listed.map((b) => b.batchId));
  const live = listed.map((b) => newer.get(b.batchId) ?? b);
  return [...[...newer.values()].filter((b) => !listedIds.has(b.batchId)), ...live];
}
