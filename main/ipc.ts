/**
 * The main side of the `window.lantern` bridge: one `ipcMain.handle` per LanternApi method. Every call checks the
 * sender (our window, our origin) and validates its payload before any service sees it; replies carry error codes.
 */
import path from 'node:path';
import { LanternError, toWireError } from '../app/contracts/errors';
import type { Settings } from '../app/contracts/settings';
import type { HttpEngine, HistoryService, WatchService } from '../app/http/backend';
import { IPC_OPS, type IpcOpName, type OpOutput, type OpParsed } from '../app/contracts/lantern-ops';
import { LIMITS } from '../app/contracts/op-schemas';
import {
  documentThread,
  documentThreadEntry,
  type DocumentWork,
} from '../app/documents/document-thread-client';
import { readDocumentFile } from '../app/documents/document-file';
import { realPathSoFar } from '../app/watch/output-folder';
import { documentOps, type DocumentOps } from './document-ops';
import { ipcChannel, PREWARM_CHANNEL, type IpcReply } from './ipc-channels';
import { validatePayload } from './ipc-validate';
import { isWithin, type PathGrants } from './path-grants';
import { senderProblem, type IpcEventLike } from './sender-check';

/** The part of Electron's ipcMain the bridge uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, payload?: unknown) => Promise<unknown>): void;
  on(channel: string, listener: (event: IpcEventLike, payload?: unknown) => void): void;
}

/** Settings as the bridge uses them (SettingsStore fits); `file` is shown in Settings as where they are stored. */
export interface SettingsAccess {
  get(): Settings;
  set(patch: unknown): Promise<Settings>;
  readonly file?: string;
}

/** What the handlers call. */
export interface IpcDeps {
  readonly ipcMain: IpcMainLike;
  readonly engine: HttpEngine;
  readonly history: HistoryService;
  readonly settings: SettingsAccess;
  readonly watch: WatchService;
  readonly grants: PathGrants;
  /** Whether a webContents id belongs to one of our windows. */
  readonly isOurWebContents: (id: number) => boolean;
  /** Opens a folder picker for that window; resolves with the chosen folder or null. */
  readonly chooseFolder: (webContentsId: number) => Promise<string | null>;
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** The document operations, shared with files opened from outside (default: over `documentWork`, no progress). */
  readonly documents?: DocumentOps;
  /** Where documents are rendered and written when `documents` is not given (default: the document thread). */
  readonly documentWork?: DocumentWork;
}

/** One handler per operation of the table (window.lantern and the desktop extras); the compiler checks none is missing. */
export type IpcHandlers = {
  readonly [K in IpcOpName]: (input: OpParsed<K>, senderId: number) => Promise<OpOutput<K>> | OpOutput<K>;
};

/** Registers every handler; returns the channels registered (for tests and teardown). */
export function setupIpc(d: IpcDeps): string[] {
  const handlers = ipcHandlers(d);
  const channels: string[] = [];
  const handle = <K extends IpcOpName>(name: K, fn: IpcHandlers[K]): void => {
    const channel = ipcChannel(name);
    channels.push(channel);
    d.ipcMain.handle(channel, async (event, payload): Promise<IpcReply<OpOutput<K>>> => {
      try {
        const problem = senderProblem(event, d.isOurWebContents);
        if (problem) throw new LanternError('FORBIDDEN', `${channel}: refused: ${problem}`);
        const value = await fn(validatePayload(name, payload), event.sender.id);
        return { ok: true, value };
      } catch (err) {
        const error = toWireError(err);
        if (error.code === 'FORBIDDEN' || error.code === 'BAD_REQUEST' || error.code === 'PAYLOAD_TOO_LARGE')
          d.log('warn', `ipc ${error.message}`);
        return { ok: false, error };
      }
    });
  };
  for (const name of Object.keys(IPC_OPS) as IpcOpName[]) handle(name, handlers[name]);

  d.ipcMain.on(PREWARM_CHANNEL, (event) => {
    const problem = senderProblem(event, d.isOurWebContents);
    if (problem) return d.log('warn', `ipc ${PREWARM_CHANNEL}: refused: ${problem}`);
    d.engine.prewarm();
  });
  return channels;
}

/** Whether `p` is `dir` or inside it, by real path (a link inside `dir` to elsewhere is not inside). */
async function isInside(p: string, dir: string): Promise<boolean> {
  return isWithin(await realPathSoFar(p), await realPathSoFar(dir));
}

/** What each operation does on main: the services behind the bridge, after the sender and payload checks. */
function ipcHandlers(d: IpcDeps): IpcHandlers {
  // The window's Settings say which mode they run in and where they are stored (never part of the stored file).
  const withRuntime = (s: Settings): Settings => ({
    ...s,
    runtime: { mode: 'desktop', file: d.settings.file ?? null },
  });
  /** Folders come only from a drop, a dialog or the watch list, never from a path typed by page script. */
  const requireGrant = async (name: IpcOpName, dir: string, senderId: number) => {
    const watched = (await d.watch.list()).some((f) => path.resolve(f.dir) === path.resolve(dir));
    if (!watched && !(await d.grants.allows(senderId, dir)))
      throw new LanternError(
        'FORBIDDEN',
        `${ipcChannel(name)}: refused: ${dir} was not dropped on the window, chosen in a dialog or already watched`,
      );
  };
  /**
   * Where main writes a folder's outputs follows the same rule: a folder given to this window, one inside the folder
   * itself, or the output folder that folder already has (saved before, e.g. by an earlier run of the app).
   */
  const requireOutputGrant = async (name: IpcOpName, dir: string, outDir: string, senderId: number) => {
    if ((await isInside(outDir, dir)) || (await d.grants.allows(senderId, outDir))) return;
    const own = (await d.watch.list()).some(
      (f) =>
        path.resolve(f.dir) === path.resolve(dir) &&
        f.options.outDir !== null &&
        path.resolve(f.options.outDir) === path.resolve(outDir),
    );
    if (!own)
      throw new LanternError(
        'FORBIDDEN',
        `${ipcChannel(name)}: refused: the output folder ${outDir} was not dropped on the window, chosen in a dialog, inside ${dir} or already its output folder`,
      );
  };
  /** Documents by path: only files the user dropped on or opened in this window. */
  const requireFileGrant = async (name: IpcOpName, p: string, senderId: number) => {
    if (!(await d.grants.allows(senderId, p)))
      throw new LanternError(
        'FORBIDDEN',
        `${ipcChannel(name)}: refused: ${p} was not dropped on or opened in the window`,
      );
  };
  const docs =
    d.documents ??
    documentOps({
      engine: d.engine,
      work: d.documentWork ?? documentThread(documentThreadEntry()),
      history: d.history,
      log: d.log,
    });
  return {
    recognize: async ({ image, options }) => {
      const result = await d.engine.recognize(
        { kind: 'bytes', name: image.name, bytes: image.bytes },
        options?.paragraphs === undefined && !options?.words
          ? undefined
          : {
              ...(options.paragraphs === undefined ? {} : { paragraphs: options.paragraphs }),
              ...(options.words ? { words: true } : {}),
            },
        { priority: 'interactive', ...(options?.requestId ? { requestId: options.requestId } : {}) },
      );
      try {
        await d.history.add(image.name, result);
      } catch (err) {
        d.log('warn', `history: could not record ${image.name}: ${(err as Error).message}`);
      }
      return result;
    },
    recognizeDocument: ({ image, options }, senderId) => docs.recognizeDocument(image, options, senderId),
    pageImage: ({ image, page, password }) => docs.pageImage(image, page, password),
    searchablePdf: ({ image, result }) => docs.searchablePdf(image, result),
    cancel: ({ requestId }) => docs.cancel(requestId),
    getStatus: () => d.engine.status,
    retry: () => d.engine.retry(),
    historyList: ({ limit }) => d.history.list(limit ?? LIMITS.defaultListRows),
    historyRemove: ({ id }) => d.history.remove(id),
    historyClear: () => d.history.clear(),
    settingsGet: () => withRuntime(d.settings.get()),
    settingsSet: async ({ patch }) => withRuntime(await d.settings.set(patch)),
    watchList: () => d.watch.list(),
    watchAdd: async ({ dir, options }, senderId) => {
      await requireGrant('watchAdd', dir, senderId);
      if (options.outDir) await requireOutputGrant('watchAdd', dir, options.outDir, senderId);
      return d.watch.add(dir, options);
    },
    watchRemove: ({ id }) => d.watch.remove(id),
    watchSetEnabled: ({ id, enabled }) => d.watch.setEnabled(id, enabled),
    watchFailed: ({ limit }) => d.watch.failed(limit ?? LIMITS.defaultListRows),
    watchRetry: ({ id }) => d.watch.retry(id),
    watchBatch: async ({ dir, options }, senderId) => {
      await requireGrant('watchBatch', dir, senderId);
      if (options.outDir) await requireOutputGrant('watchBatch', dir, options.outDir, senderId);
      return d.watch.startBatch(dir, options);
    },
    watchBatches: () => d.watch.batches(),
    watchBatchControl: ({ id, action }) => d.watch.batchControl(id, action),
    watchLedger: () => d.watch.ledgerStatus(),
    recognizeDocumentAt: async ({ file, options }, senderId) => {
      await requireFileGrant('recognizeDocumentAt', file.path, senderId);
      return docs.recognizeDocument(file, options, senderId);
    },
    pageImageAt: async ({ file, page, password }, senderId) => {
      await requireFileGrant('pageImageAt', file.path, senderId);
      return docs.pageImage(file, page, password);
    },
    searchablePdfAt: async ({ file, result }, senderId) => {
      await requireFileGrant('searchablePdfAt', file.path, senderId);
      return docs.searchablePdf(file, result);
    },
    imageAt: async ({ file }, senderId) => {
      await requireFileGrant('imageAt', file.path, senderId);
      return readDocumentFile(file.path, LIMITS.imageBytes);
    },
    grantDroppedPaths: ({ paths }, senderId) => {
      for (const p of paths) d.grants.grant(senderId, p, 'drop');
      return paths.length;
    },
    chooseFolder: async (_input, senderId) => {
      const dir = await d.chooseFolder(senderId);
      if (dir) d.grants.grant(senderId, dir, 'dialog');
      return dir;
    },
  };
}
