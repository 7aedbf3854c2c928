/** What the HTTP layer serves: the engine, plus the optional history, settings and watch services of the app. */
import type {
  BatchAction,
  BatchProgress,
  FailedFile,
  HistoryEntry,
  HistoryImage,
  WatchEvent,
  WatchFolder,
  WatchLedger,
  WatchOptions,
} from '../contracts/lantern-api';
import type { Settings, SettingsPatch } from '../contracts/settings';
import type { EngineProbe } from '../engine/probe';
import type { OcrService } from '../engine/ocr-service';
import type { DocumentReader } from '../documents/document-reader';
import type { DocumentResult } from '../documents/document-types';
import type { OcrResult } from '../ocr/types';

/** The engine as the HTTP layer needs it (EngineHost fits). */
export interface HttpEngine extends OcrService {
  retry(): void;
}

/** The engine behind the HTTP API also answers the probes. */
export interface ProbedEngine extends HttpEngine {
  /** What /ready and /health answer. */
  probe(): EngineProbe;
}

/** Interactive history. */
export interface HistoryService {
  list(limit: number): Promise<HistoryEntry[]> | HistoryEntry[];
  clear(): Promise<void> | void;
  /** Deletes one entry; throws NOT_FOUND when none has that id. */
  remove(id: string): Promise<void> | void;
  add(name: string, result: OcrResult, image?: HistoryImage): Promise<unknown> | unknown;
  /** Records a document (PDF, multi-page TIFF) as one entry. */
  addDocument?(name: string, doc: DocumentResult): Promise<unknown> | unknown;
}

/** Settings persistence. */
export interface SettingsService {
  get(): Settings;
  set(patch: SettingsPatch): Promise<Settings> | Settings;
}

/** Folder watching and batch work. */
export interface WatchService {
  list(): Promise<WatchFolder[]> | WatchFolder[];
  add(dir: string, options: Partial<WatchOptions>): Promise<WatchFolder> | WatchFolder;
  remove(id: string): Promise<void> | void;
  setEnabled(id: string, enabled: boolean): Promise<WatchFolder> | WatchFolder;
  failed(limit: number): Promise<FailedFile[]> | FailedFile[];
  retry(fileId: string): Promise<void> | void;
  startBatch(dir: string, options: Partial<WatchOptions>): Promise<{ batchId: string }>;
  /** The batches running or paused, with their progress now. */
  batches(): BatchProgress[];
  batchControl(batchId: string, action: BatchAction): boolean;
  /** The ledger's notice, read from no row: it answers when the ledger is damaged too. */
  ledgerStatus(): WatchLedger;
  onEvent(cb: (e: WatchEvent) => void): () => void;
}

/** Everything behind the HTTP API; the optional parts answer 404 when absent. */
export interface HttpBackend {
  readonly engine: ProbedEngine;
  readonly history?: HistoryService;
  readonly settings?: SettingsService;
  readonly watch?: WatchService;
  /** Where documents are rendered and written (Electron: main's document thread); default: this thread. */
  readonly documents?: DocumentReader;
}
