/**
 * The file behind an item of the strip and the document calls on it: its bytes (browser, paste, images), or on the
 * desktop its path, so that main reads a large PDF from disk and its bytes never cross IPC.
 */
import type { DocumentResult } from '../../../app/contracts/document-result';
import type { DocumentReadOptions, UiImage } from '../../../app/contracts/lantern-api';
import { desktop, lantern, type PathFile } from '../bridge';
import type { ItemRead } from './recognition-strip';

/** An item's file, with the password the user gave for it (held in memory only). */
export type ItemFile = (UiImage | PathFile) & { readonly password?: string };

/** The desktop path of a dropped or opened document ('' in the browser or for a constructed File). */
export function documentPathOf(file: File): string {
  return desktop ? desktop.pathForFile(file) : '';
}

/** The desktop documents bridge; only files with a path (which only the desktop gives) reach it. */
function byPath() {
  if (!desktop) throw new Error('documents by path need the desktop app');
  return desktop.documents;
}

const withPassword = (f: ItemFile) => (f.password ? { password: f.password } : {});

/** An image's bytes: as held, or (an image opened from outside, desktop only) read by main from its granted path. */
export async function imageOf(f: ItemFile): Promise<UiImage> {
  if ('bytes' in f) return f;
  if (!desktop) throw new Error('images by path need the desktop app');
  return { name: f.name, bytes: await desktop.imageAt(f) };
}

/** Reads a document page by page. */
export function readDocument(f: ItemFile, options: DocumentReadOptions): Promise<DocumentResult> {
  const o = { ...options, ...withPassword(f) };
  return 'path' in f ? byPath().recognize(f, o) : lantern.recognizeDocument(f, o);
}

/**
 * Reads an item as the strip does: a document page by page, an image with its words on their own boxes (for a
 * searchable PDF whose text sits on the ink); `gotBytes` gets an opened image's bytes once main has read them.
 */
export function readItem(
  f: ItemFile,
  how: {
    readonly document: boolean;
    readonly requestId: string;
    readonly gotBytes: (image: UiImage) => void;
  },
): Promise<ItemRead> {
  const { requestId } = how;
  // Paragraphs as for an image: the result pane's Paragraphs view shows a page's as it shows an image's.
  if (how.document)
    return readDocument(f, { requestId, paragraphs: true }).then((document) => ({ document }));
  return imageOf(f)
    .then((image) => {
      if ('path' in f) how.gotBytes(image);
      return lantern.recognize(image, { paragraphs: true, words: true, requestId });
    })
    .then((result) => ({ result }));
}

/** One page's PNG for display. */
export function pageImageOf(f: ItemFile, page: number): Promise<Uint8Array> {
  return 'path' in f
    ? byPath().pageImage(f, page, withPassword(f))
    : lantern.pageImage(f, page, withPassword(f));
}

/** The searchable PDF of a result. */
export function searchablePdfOf(f: ItemFile, result: DocumentResult): Promise<Uint8Array> {
  return 'path' in f ? byPath().searchablePdf(f, result) : lantern.searchablePdf(f, result);
}
