/** The Batch & Watch view's data: folders, failed files, batch and activity, loaded on show and kept current by events. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  BatchProgress,
  FailedFile,
  LedgerNotice,
  WatchEvent,
  WatchFolder,
} from '../../../app/contracts/lantern-api';
import { errorWords } from '../action-error';
import { lantern } from '../bridge';
import { withBatchEvent, withListedBatches } from './batch-list';

/** The progress of a batch ("OCR this folder now"), as its latest event or the server's list tells it. */
export type BatchEvent = BatchProgress;
/** A file's step (queued, done, failed) and when the window heard of it. */
export type FileEvent = Extract<WatchEvent, { type: 'file' }> & { readonly at: number };
/** The latest page done of a document being read. */
export type PageEvent = Extract<WatchEvent, { type: 'page' }>;

const MAX_ACTIVITY = 50;

/** What the view shows and the updates its actions make (each action's own call is made by the view). */
export interface WatchFeed {
  /** null until the first list arrives. */
  readonly folders: readonly WatchFolder[] | null;
  readonly failed: readonly FailedFile[];
  /** The ledger's notice (set aside at start, found damaged since), said once whatever the folders, or null. */
  readonly ledger: LedgerNotice | null;
  /** Why watching cannot be reached (the list failed), or null. */
  readonly unavailable: string | null;
  /** The latest file events, newest first. */
  readonly activity: readonly FileEvent[];
  /** The batches running or paused (listed on load, then kept by their events), and the latest that ended. */
  readonly batches: readonly BatchEvent[];
  /** Documents being read now, by path: their latest page, until the file's done or failed event. */
  readonly reading: ReadonlyMap<string, PageEvent>;
  /** Lists the folders, failed files and batches again. */
  readonly load: () => void;
  readonly folderAdded: (f: WatchFolder) => void;
  /** A folder's row changed it (null: removed). */
  readonly folderChanged: (id: string) => (f: WatchFolder | null) => void;
  /** A failed file was queued again: it leaves the failed list. */
  readonly retried: (fileId: string) => void;
}

/** The watch data of the view, loaded whenever the view becomes active; `fail` shows a failed follow-up list. */
export function useWatchFeed(active: boolean, fail: (err: unknown) => void): WatchFeed {
  const [folders, setFolders] = useState<readonly WatchFolder[] | null>(null);
  const [failed, setFailed] = useState<readonly FailedFile[]>([]);
  const [unavailable, setUnavailable] = useState<string | null>(null);
  const [ledger, setLedger] = useState<LedgerNotice | null>(null);
  const [activity, setActivity] = useState<readonly FileEvent[]>([]);
  const [batches, setBatches] = useState<readonly BatchEvent[]>([]);
  const [reading, setReading] = useState<ReadonlyMap<string, PageEvent>>(new Map());

  // The batches heard by each listing still on its way: their events are newer than what it will say of them.
  const listings = useRef(new Set<Set<string>>());
  const load = useCallback(() => {
    // Apart from the list: a damaged ledger may refuse the list, and its notice says why.
    lantern.watch.ledger().then((l) => setLedger(l.notice), fail);
    lantern.watch.list().then(
      (list) => {
        setFolders(list);
        setUnavailable(null);
        lantern.watch.failed(100).then(setFailed, fail);
        const heard = new Set<string>();
        listings.current.add(heard);
        lantern.watch.batches().then(
          (listed) => {
            listings.current.delete(heard);
            setBatches((l) => withListedBatches(l, listed, heard));
          },
          (err: unknown) => {
            listings.current.delete(heard);
            fail(err);
          },
        );
      },
      (err: unknown) => setUnavailable(errorWords(err)),
    );
  }, [fail]);

  useEffect(() => {
    if (active) load();
  }, [active, load]);

  // Events sent while the page could not hear the app are lost (a batch may have ended, serve restarted): once it
  // hears it again, what it shows is read anew.
  const heard = useRef(true);
  useEffect(
    () =>
      lantern.onConnection((c) => {
        if (c === 'connected' && !heard.current) load();
        heard.current = c === 'connected';
      }),
    [load],
  );

  useEffect(
    () =>
      lantern.watch.onEvent((e) => {
        // A batch's folder is not watched: its progress is the batch line, and a row would offer to unwatch it.
        if (e.type === 'folder' && e.folder.kind === 'watch')
          setFolders((list) => {
            if (!list) return list;
            const i = list.findIndex((f) => f.id === e.folder.id);
            return i < 0 ? [...list, e.folder] : list.map((f) => (f.id === e.folder.id ? e.folder : f));
          });
        else if (e.type === 'ledger') setLedger(e.ledger.notice);
        else if (e.type === 'batch') {
          for (const heard of listings.current) heard.add(e.batchId);
          setBatches((l) => withBatchEvent(l, e));
        } else if (e.type === 'page') setReading((m) => new Map(m).set(e.path, e));
        else if (e.type === 'file') {
          if (e.state !== 'queued')
            setReading((m) => {
              if (!m.has(e.path)) return m;
              const next = new Map(m);
              next.delete(e.path);
              return next;
            });
          setActivity((a) => [{ ...e, at: Date.now() }, ...a].slice(0, MAX_ACTIVITY));
          if (e.state === 'failed') lantern.watch.failed(100).then(setFailed, fail);
        }
      }),
    [fail],
  );

  const folderAdded = (f: WatchFolder) => setFolders((l) => [...(l ?? []).filter((x) => x.id !== f.id), f]);
  const folderChanged = (id: string) => (f: WatchFolder | null) =>
    setFolders((list) =>
      list ? (f ? list.map((x) => (x.id === id ? f : x)) : list.filter((x) => x.id !== id)) : list,
    );
  const retried = (fileId: string) => setFailed((l) => l.filter((x) => x.id !== fileId));
  return {
    folders,
    failed,
    ledger,
    unavailable,
    activity,
    batches,
    reading,
    load,
    folderAdded,
    folderChanged,
    retried,
  };
}
