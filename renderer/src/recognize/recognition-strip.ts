/**
 * The image strip as plain data: its items (images and documents with their state and result) and the one selected,
 * and every change to it as an event, applied by one pure function (the hook's reducer, unit-tested on its own).
 */
import { assertNever } from '../../../app/contracts/assert-never';
import type { DocumentResult } from '../../../app/contracts/document-result';
import type { OcrResult } from '../../../app/contracts/ocr-result';

/** Where one image is. */
export type ItemState = 'queued' | 'running' | 'done' | 'error';

/** One image or document of the strip. */
export interface RecognitionItem {
  readonly id: string;
  readonly name: string;
  /** An image (one result) or a document read page by page (PDF, TIFF). */
  readonly kind: 'image' | 'document';
  /** Object URL of the file (revoked when the item is removed); a document's pages come from `lantern.pageImage`. */
  readonly url: string;
  readonly state: ItemState;
  readonly result?: OcrResult;
  readonly document?: DocumentResult;
  /** The latest page done of a running document. */
  readonly progress?: { readonly page: number; readonly pages: number };
  readonly error?: { readonly code: string; readonly message: string };
  /** A password was given for this (encrypted) document: a PDF_ENCRYPTED now means it was wrong. */
  readonly passwordTried?: boolean;
}

/** What reading an item gave: an image's result or a document's. */
export type ItemRead = { readonly result: OcrResult } | { readonly document: DocumentResult };

/** The strip: its items in order and the one shown (null when none is). */
export interface Strip {
  readonly items: readonly RecognitionItem[];
  readonly selectedId: string | null;
}

/** The strip before anything was added. */
export const EMPTY_STRIP: Strip = { items: [], selectedId: null };

/** Everything that happens to the strip; events naming an item that is gone change nothing. */
export type StripEvent =
  /** New items join the end; the first of them is selected. */
  | { readonly type: 'added'; readonly items: readonly RecognitionItem[] }
  | { readonly type: 'selected'; readonly id: string | null }
  /** Its request was sent (a new run forgets the last one's progress). */
  | { readonly type: 'started'; readonly id: string }
  /** An opened image's bytes arrived from main: its thumbnail. */
  | { readonly type: 'thumbnail'; readonly id: string; readonly url: string }
  | { readonly type: 'progress'; readonly id: string; readonly page: number; readonly pages: number }
  | { readonly type: 'read'; readonly id: string; readonly read: ItemRead }
  | { readonly type: 'failed'; readonly id: string; readonly error: NonNullable<RecognitionItem['error']> }
  /** Queued again: a retry, or a document's password given (`withPassword`). */
  | { readonly type: 'requeued'; readonly id: string; readonly withPassword: boolean }
  /** Removed; a selected item hands the selection to the item now at its place (or the last one). */
  | { readonly type: 'removed'; readonly id: string }
  | { readonly type: 'cleared' };

/** The strip with one item changed. */
function patched(strip: Strip, id: string, p: Partial<RecognitionItem>): Strip {
  return { ...strip, items: strip.items.map((it) => (it.id === id ? { ...it, ...p } : it)) };
}

/** The strip after one event. */
export function nextStrip(strip: Strip, e: StripEvent): Strip {
  switch (e.type) {
    case 'added':
      return { items: [...strip.items, ...e.items], selectedId: e.items[0]?.id ?? strip.selectedId };
    case 'selected':
      return { ...strip, selectedId: e.id };
    case 'started':
      return patched(strip, e.id, { state: 'running', progress: undefined });
    case 'thumbnail':
      return patched(strip, e.id, { url: e.url });
    case 'progress':
      return patched(strip, e.id, { progress: { page: e.page, pages: e.pages } });
    case 'read':
      return patched(strip, e.id, { ...e.read, state: 'done', error: undefined });
    case 'failed':
      return patched(strip, e.id, { state: 'error', error: e.error });
    case 'requeued':
      return patched(strip, e.id, {
        state: 'queued',
        error: undefined,
        ...(e.withPassword ? { passwordTried: true } : {}),
      });
    case 'removed': {
      const i = strip.items.findIndex((it) => it.id === e.id);
      const items = strip.items.filter((it) => it.id !== e.id);
      const selectedId =
        strip.selectedId === e.id ? (items[Math.min(i, items.length - 1)]?.id ?? null) : strip.selectedId;
      return { items, selectedId };
    }
    case 'cleared':
      return EMPTY_STRIP;
    default:
      return assertNever(e);
  }
}
