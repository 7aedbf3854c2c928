/** Which folders the batch runner may take files from now: the one rule, apart from where its inputs live. */
import type { FolderRow } from './ledger';

/** What decides whether a folder runs, besides the folder itself. */
export interface FolderRunState {
  /** Why the folder paused on its own (bad options, missing, output unwritable), or null. */
  readonly pausedReason: (id: string) => string | null;
  /** The batch job over the folder, if one runs: then it alone decides. */
  readonly job: (id: string) => { readonly active: boolean } | undefined;
  /** Watching is paused as a whole (the tray's switch); batches go on. */
  readonly watchingPaused: boolean;
}

/** The folders that may run, in ledger order: none paused on its own; a batch's while active, a watch while enabled. */
export function activeFolderIds(folders: readonly FolderRow[], state: FolderRunState): string[] {
  const ids: string[] = [];
  for (const f of folders) {
    if (state.pausedReason(f.id)) continue;
    const job = state.job(f.id);
    if (job ? job.active : f.kind === 'watch' && f.enabled && !state.watchingPaused) ids.push(f.id);
  }
  return ids;
}
