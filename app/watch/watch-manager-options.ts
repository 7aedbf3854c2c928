/** What a WatchManager is built from: its ledger and engine, and the timings and hooks its callers may set. */
import type { LedgerNotice } from '../contracts/lantern-api';
import type { DocumentReader } from '../documents/document-reader';
import type { OcrService } from '../engine/ocr-service';
import type { Ledger } from './ledger';

/** Construction options. */
export interface WatchManagerOptions {
  readonly ledger: Ledger;
  readonly service: OcrService;
  /** Files submitted to the engine at once (default 2). */
  readonly concurrency?: number;
  /** Quiet time after the last write before a file is read (ms, default 400). */
  readonly stabilityMs?: number;
  /** How often a missing folder or an unwritable output is checked again (ms, default 2000). */
  readonly pollMs?: number;
  readonly log?: (level: 'info' | 'warn', message: string) => void;
  /** Where documents are rendered and searchable PDFs written (Electron main: its document thread; default here). */
  readonly documents?: DocumentReader;
  /** The ledger's own notice (LEDGER_SET_ASIDE): `ledgerStatus` says it, and every folder without one of its own. */
  readonly ledgerNotice?: LedgerNotice | null;
}
