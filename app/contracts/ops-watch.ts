/** The contract's watch operations: watched folders, failed files, one-off batches and the ledger's notice. */
import { z } from 'zod';
import type { BatchProgress, FailedFile, WatchFolder, WatchLedger } from './lantern-api';
import { BATCH_ACTIONS } from './lantern-api';
import {
  byIdSchema,
  folderInputSchema,
  idSchema,
  listInputSchema,
  noInput,
  returns,
  type LanternOp,
} from './op-schemas';
import { LEDGER_ERRORS } from './ops-history-settings';

/** Watching and batches (joined in LANTERN_OPS, lantern-ops.ts). */
export const WATCH_OPS = {
  watchList: {
    input: noInput,
    output: returns<WatchFolder[]>(),
    http: 'watchList',
    errors: LEDGER_ERRORS,
  },
  watchAdd: {
    input: folderInputSchema,
    output: returns<WatchFolder>(),
    http: 'watchAdd',
    // FOLDER_OVERLAP: another watched folder already reads it, or it would read one (named in the message).
    errors: [...LEDGER_ERRORS, 'FILE_NOT_FOUND', 'BAD_PATTERN', 'BAD_OUTPUT_FOLDER', 'FOLDER_OVERLAP'],
  },
  watchRemove: {
    input: byIdSchema,
    output: returns<void>(),
    http: 'watchRemove',
    errors: LEDGER_ERRORS,
  },
  watchSetEnabled: {
    input: z.object({ id: idSchema, enabled: z.boolean() }).strict(),
    output: returns<WatchFolder>(),
    http: 'watchEnable',
    errors: LEDGER_ERRORS,
  },
  watchFailed: {
    input: listInputSchema,
    output: returns<FailedFile[]>(),
    http: 'watchFailed',
    errors: LEDGER_ERRORS,
  },
  watchRetry: {
    input: byIdSchema,
    output: returns<void>(),
    http: 'watchRetry',
    errors: LEDGER_ERRORS,
  },
  watchBatch: {
    input: folderInputSchema,
    output: returns<{ readonly batchId: string }>(),
    http: 'watchBatch',
    // FOLDER_OVERLAP: a watched folder already reads its files (named in the message).
    errors: [...LEDGER_ERRORS, 'FILE_NOT_FOUND', 'BAD_PATTERN', 'BAD_OUTPUT_FOLDER', 'FOLDER_OVERLAP'],
  },
  watchBatches: {
    input: noInput,
    output: returns<BatchProgress[]>(),
    http: 'watchBatches',
    errors: LEDGER_ERRORS,
  },
  /** Reads no row of the ledger: it answers even when the ledger is damaged (NOT_FOUND: no watching in this mode). */
  watchLedger: { input: noInput, output: returns<WatchLedger>(), http: 'watchLedger', errors: ['NOT_FOUND'] },
  watchBatchControl: {
    input: z.object({ id: idSchema, action: z.enum(BATCH_ACTIONS) }).strict(),
    output: returns<boolean>(),
    http: 'batchControl',
    errors: LEDGER_ERRORS,
  },
} as const satisfies Record<string, LanternOp & { readonly http: string }>;
