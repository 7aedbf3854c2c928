/** The contract's History and Settings operations: what the app keeps between runs. */
import { z } from 'zod';
import type { HistoryEntry } from './lantern-api';
import {
  byIdSchema,
  listInputSchema,
  noInput,
  returns,
  settingsPatchInputSchema,
  type LanternOp,
} from './op-schemas';
import type { Settings } from './settings';

/** What a call on the ledger (History, watching) can meet: no ledger behind this surface, or one found damaged. */
export const LEDGER_ERRORS = ['NOT_FOUND', 'LEDGER_DAMAGED'] as const;

/** History and Settings (joined in LANTERN_OPS, lantern-ops.ts). */
export const HISTORY_SETTINGS_OPS = {
  historyList: {
    input: listInputSchema,
    output: returns<HistoryEntry[]>(),
    http: 'historyList',
    errors: LEDGER_ERRORS,
  },
  historyClear: {
    input: noInput,
    output: returns<void>(),
    http: 'historyClear',
    errors: LEDGER_ERRORS,
  },
  /** Deletes one entry; NOT_FOUND when no entry has that id (already deleted, pruned, or never one). */
  historyRemove: {
    input: byIdSchema,
    output: returns<void>(),
    http: 'historyRemove',
    errors: LEDGER_ERRORS,
  },
  settingsGet: { input: noInput, output: returns<Settings>(), http: 'settingsGet', errors: ['NOT_FOUND'] },
  settingsSet: {
    input: z.object({ patch: settingsPatchInputSchema }).strict(),
    output: returns<Settings>(),
    http: 'settingsSet',
    // A capture shortcut that is malformed or owned by another application: nothing is saved.
    errors: ['NOT_FOUND', 'SHORTCUT_UNAVAILABLE'],
  },
} as const satisfies Record<string, LanternOp & { readonly http: string }>;
