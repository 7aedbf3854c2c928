/** What a watched folder's reports do: files noted in the ledger and queued, pauses and notices set, events sent. */
import type { WatchNotice } from '../contracts/lantern-api';
import type { FolderWatcherHandlers } from './folder-watcher-types';
import type { FolderPauses } from './folder-pauses';
import type { FolderRow, Ledger } from './ledger';
import type { WatchEvents } from './watch-events';

/** The parts of the watch manager a folder's reports reach. */
export interface FolderReportTargets {
  readonly ledger: Ledger;
  readonly events: WatchEvents;
  readonly pauses: FolderPauses;
  /** Folders polled because the system's file-watch limit was reached. */
  readonly notices: Map<string, WatchNotice>;
  /** Wakes the batch runner. */
  readonly kick: () => void;
  /** Stops the file of this ledger row if it is being read (it was deleted meanwhile). */
  readonly stopFile: (rowId: number) => void;
  /** Starts an idle-unloaded engine loading before the file reaches it. */
  readonly prewarm: () => void;
  readonly log?: (level: 'info' | 'warn', message: string) => void;
}

/** The handlers of one folder's watcher; a report that throws is logged and never stops the watch. */
export function folderWatchHandlers(f: FolderRow, to: FolderReportTargets): FolderWatcherHandlers {
  const guard =
    <A extends unknown[]>(fn: (...a: A) => void) =>
    (...a: A) => {
      try {
        fn(...a);
      } catch (err) {
        to.log?.('warn', `watching ${f.dir}: ${(err as Error).message}`);
      }
    };
  return {
    file: guard((rel: string, size: number, mtimeMs: number) => {
      const row = to.ledger.noteSeen(f.id, rel, size, mtimeMs);
      if (row) {
        to.prewarm();
        to.events.file(f.id, rel, 'queued');
      }
      to.kick();
    }),
    gone: guard((rel: string) => {
      // A file deleted while it is read is not read on: a long document would hold the engine for nothing.
      const row = to.ledger.file(f.id, rel);
      to.ledger.noteGone(f.id, rel);
      if (row?.state === 'running') to.stopFile(row.id);
      to.events.folderSoon(f.id);
    }),
    ready: guard((seen: ReadonlySet<string>) => (to.ledger.noteScanned(f.id, seen), to.kick())),
    availability: guard((reason: string | null) => {
      to.pauses.set(f.id, 'missing', reason);
      // A failed probe keeps the folder's reason; FolderPauses probes again on its timer.
      if (!reason) void to.pauses.probe(f).catch(() => undefined);
    }),
    error: (err) => to.log?.('warn', `watching ${f.dir}: ${err.message}`),
    polling: guard((message: string) => {
      to.notices.set(f.id, { code: 'WATCH_POLLING', message });
      to.log?.('warn', `WATCH_POLLING: ${message}`);
      to.events.folder(f.id);
    }),
  };
}
