/**
 * The images and documents of the Recognize view and their recognition: a small client-side queue over
 * `lantern.recognize` (images) and `lantern.recognizeDocument` (PDFs, TIFFs), with per-page progress.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { receivedError } from '../../../app/contracts/errors';
import { inputFormatOf } from '../../../app/contracts/input-formats';
import { sniffKind } from '../../../app/contracts/sniff-kind';
import type { PageProgress } from '../../../app/contracts/lantern-api';
import type { OcrResult } from '../../../app/contracts/ocr-result';
import { lantern, type PathFile } from '../bridge';
import { documentPathOf, readItem, type ItemFile } from './item-file';
import { EMPTY_STRIP, nextStrip, type RecognitionItem } from './recognition-strip';
import { sortOutFiles, type RejectedFile } from './supported-files';

/** What the view needs. */
export interface Recognitions {
  readonly items: readonly RecognitionItem[];
  /** The files of the latest drop, paste or open that are not a supported type (shown until the next one). */
  readonly rejected: readonly RejectedFile[];
  readonly dismissRejected: () => void;
  readonly selectedId: string | null;
  readonly select: (id: string) => void;
  /** Adds the supported files and records the others in `rejected`; resolves to how many were added. */
  readonly addFiles: (files: readonly File[]) => Promise<number>;
  /** Adds files opened from outside the window (desktop: granted paths) exactly as a drop of them would. */
  readonly addOpened: (files: readonly PathFile[]) => number;
  /** Adds an image already read elsewhere (a screen capture) with its result, selected. */
  readonly addRead: (image: { name: string; bytes: Uint8Array; result: OcrResult }) => void;
  readonly remove: (id: string) => void;
  readonly retry: (id: string) => void;
  /** Stops a queued or running item (it stays, failed with CANCELLED, and can be retried). */
  readonly cancel: (id: string) => void;
  /** Reads an encrypted document again with its password. */
  readonly unlock: (id: string, password: string) => void;
  readonly clear: () => void;
  /** The file an item was made from (for page images and the searchable PDF). */
  readonly fileOf: (id: string) => ItemFile | undefined;
}

/** At most this many requests in flight from the UI (the engine queues the rest anyway). */
const MAX_IN_FLIGHT = 3;

/** A file about to join the strip: what it is, where it is read from, its thumbnail URL ('' until known). */
interface NewItem {
  readonly name: string;
  readonly document: boolean;
  readonly source: ItemFile;
  readonly url: string;
}

let seq = 0;
const newId = () => `img-${Date.now().toString(36)}-${(++seq).toString(36)}`;

/** State and actions of the image strip. */
export function useRecognitions(): Recognitions {
  const [{ items, selectedId }, dispatch] = useReducer(nextStrip, EMPTY_STRIP);
  const [rejected, setRejected] = useState<readonly RejectedFile[]>([]);
  const bytes = useRef(new Map<string, ItemFile>());
  const pending = useRef<string[]>([]);
  const running = useRef(new Set<string>());
  const urls = useRef(new Map<string, string>());
  const documentIds = useRef(new Set<string>());

  /** An opened image's bytes, once main has read them: its thumbnail, and what a retry sends. */
  const keepBytes = useCallback(
    (id: string, image: { readonly name: string; readonly bytes: Uint8Array }) => {
      if (!bytes.current.has(id)) return;
      bytes.current.set(id, image);
      const url = URL.createObjectURL(new Blob([image.bytes.slice()]));
      urls.current.set(id, url);
      dispatch({ type: 'thumbnail', id, url });
    },
    [],
  );

  const pump = useCallback(() => {
    while (running.current.size < MAX_IN_FLIGHT && pending.current.length > 0) {
      const id = pending.current.shift()!;
      const file = bytes.current.get(id);
      if (!file) continue;
      running.current.add(id);
      dispatch({ type: 'started', id });
      const document = documentIds.current.has(id);
      readItem(file, { document, requestId: id, gotBytes: (image) => keepBytes(id, image) })
        .then(
          (done) => {
            if (bytes.current.has(id)) dispatch({ type: 'read', id, read: done });
          },
          (err: unknown) => {
            if (bytes.current.has(id)) dispatch({ type: 'failed', id, error: receivedError(err) });
          },
        )
        .finally(() => {
          running.current.delete(id);
          pump();
        });
    }
  }, [keepBytes]);

  /** Records the unsupported files of a drop, paste or open; answers the supported ones. */
  const sortOut = useCallback(
    <F extends { readonly name: string; readonly type: string }>(files: readonly F[]) => {
      const { supported, rejected } = sortOutFiles(files);
      setRejected(rejected);
      return supported;
    },
    [],
  );

  /** Puts new files on the strip, queued, the first selected. */
  const enqueue = useCallback(
    (news: readonly NewItem[]) => {
      const added: RecognitionItem[] = news.map(({ name, document, source, url }) => {
        const id = newId();
        const kind = document ? 'document' : 'image';
        if (url) urls.current.set(id, url);
        if (kind === 'document') documentIds.current.add(id);
        bytes.current.set(id, source);
        pending.current.push(id);
        return { id, name, kind, url, state: 'queued' };
      });
      dispatch({ type: 'added', items: added });
      pump();
      return added.length;
    },
    [pump],
  );

  const addFiles = useCallback(
    async (files: readonly File[]): Promise<number> => {
      const images = sortOut(files);
      if (images.length === 0) return 0;
      lantern.prewarm();
      // A document with a desktop path is read by main from disk (no size cap from IPC); the rest by its bytes.
      const news = await Promise.all(
        images.map(async (f): Promise<NewItem> => {
          const name = f.name || 'pasted image';
          const format = inputFormatOf(f);
          const at = format?.document === true ? documentPathOf(f) : '';
          if (at) return { name, document: true, source: { name, path: at }, url: URL.createObjectURL(f) };
          const bytes = new Uint8Array(await f.arrayBuffer());
          // A file nothing names (no extension, no type) is a document or an image by its first bytes.
          const document = format ? format.document === true : sniffKind(bytes) !== 'image';
          return { name, document, source: { name, bytes }, url: URL.createObjectURL(f) };
        }),
      );
      return enqueue(news);
    },
    [sortOut, enqueue],
  );

  const addOpened = useCallback(
    (files: readonly PathFile[]): number => {
      const supported = sortOut(files.map((f) => ({ ...f, type: '' })));
      if (supported.length === 0) return 0;
      lantern.prewarm();
      // Read by path as a dropped document is; an image's bytes come from main when its turn comes.
      return enqueue(
        supported.map(({ name, path }) => ({
          name,
          document: inputFormatOf({ name, type: '' })?.document === true,
          source: { name, path },
          url: '',
        })),
      );
    },
    [sortOut, enqueue],
  );

  const addRead = useCallback((image: { name: string; bytes: Uint8Array; result: OcrResult }) => {
    const id = newId();
    const url = URL.createObjectURL(new Blob([image.bytes.slice()], { type: 'image/png' }));
    urls.current.set(id, url);
    bytes.current.set(id, { name: image.name, bytes: image.bytes });
    dispatch({
      type: 'added',
      items: [{ id, name: image.name, kind: 'image', url, state: 'done', result: image.result }],
    });
  }, []);

  const forget = useCallback((id: string) => {
    bytes.current.delete(id);
    documentIds.current.delete(id);
    pending.current = pending.current.filter((p) => p !== id);
    // The item is gone either way: a failed cancel only lets its answer arrive, and nothing waits for it.
    if (running.current.has(id)) void lantern.cancel(id).catch(() => false);
    const url = urls.current.get(id);
    if (url) URL.revokeObjectURL(url);
    urls.current.delete(id);
  }, []);

  const remove = useCallback(
    (id: string) => {
      forget(id);
      dispatch({ type: 'removed', id });
    },
    [forget],
  );

  const clear = useCallback(() => {
    for (const id of [...urls.current.keys()]) forget(id);
    dispatch({ type: 'cleared' });
  }, [forget]);

  const retry = useCallback(
    (id: string) => {
      if (!bytes.current.has(id) || running.current.has(id)) return;
      pending.current.push(id);
      dispatch({ type: 'requeued', id, withPassword: false });
      pump();
    },
    [pump],
  );

  const cancel = useCallback((id: string) => {
    if (pending.current.includes(id)) {
      pending.current = pending.current.filter((p) => p !== id);
      dispatch({ type: 'failed', id, error: { code: 'CANCELLED', message: 'cancelled' } });
    } else if (running.current.has(id)) void lantern.cancel(id).catch(() => false);
  }, []);

  const unlock = useCallback(
    (id: string, password: string) => {
      const file = bytes.current.get(id);
      if (!file || running.current.has(id)) return;
      bytes.current.set(id, { ...file, password });
      pending.current.push(id);
      dispatch({ type: 'requeued', id, withPassword: true });
      pump();
    },
    [pump],
  );

  const fileOf = useCallback((id: string) => bytes.current.get(id), []);

  // Per-page progress of running documents (the request id is the item's id).
  useEffect(
    () =>
      lantern.onPage((p: PageProgress) => {
        if (!p.requestId || !running.current.has(p.requestId)) return;
        dispatch({ type: 'progress', id: p.requestId, page: p.page, pages: p.pages });
      }),
    [],
  );

  useEffect(
    () => () => {
      for (const url of urls.current.values()) URL.revokeObjectURL(url);
    },
    [],
  );

  return useMemo(
    () => ({
      items,
      rejected,
      dismissRejected: () => setRejected([]),
      selectedId,
      select: (id: string) => dispatch({ type: 'selected', id }),
      addFiles,
      addOpened,
      addRead,
      remove,
      retry,
      cancel,
      unlock,
      clear,
      fileOf,
    }),
    [items, rejected, selectedId, addFiles, addOpened, addRead, remove, retry, cancel, unlock, clear, fileOf],
  );
}
