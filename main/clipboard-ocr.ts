/**
 * "OCR the image on the clipboard": the image's text goes back onto the clipboard, with a notification. Uses Electron
 * 45's asynchronous clipboard (`clipboard.read()` → ClipboardItems, `getType('image/png')` → Blob, `writeText`).
 */
import type { HistoryService } from '../app/http/backend';
import type { OcrService } from '../app/engine/ocr-service';
import type { Notify } from './notifications';

/** One entry of the clipboard (Electron's ClipboardItem fits). */
export interface ClipboardItemLike {
  readonly types: readonly string[];
  getType(type: string): Promise<unknown>;
}

/** The part of Electron's clipboard used. */
export interface ClipboardLike {
  read(): Promise<ClipboardItemLike[]>;
  writeText(text: string): Promise<void>;
}

const EXT: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tiff',
};

/** The first image on the clipboard (PNG preferred) as bytes with a file name, or null when there is none. */
export async function readClipboardImage(
  clipboard: Pick<ClipboardLike, 'read'>,
): Promise<{ name: string; bytes: Uint8Array } | null> {
  for (const item of await clipboard.read()) {
    const type = item.types.includes('image/png')
      ? 'image/png'
      : item.types.find((t) => t.startsWith('image/'));
    if (!type) continue;
    const blob = await item.getType(type);
    if (!(blob instanceof Blob) || blob.size === 0) continue;
    return { name: `clipboard.${EXT[type] ?? 'img'}`, bytes: new Uint8Array(await blob.arrayBuffer()) };
  }
  return null;
}

/** Recognises the clipboard image; resolves with the text copied, or null when there was none, no text, or an error. */
export async function ocrClipboardImage(d: {
  readonly clipboard: ClipboardLike;
  readonly engine: Pick<OcrService, 'recognize'>;
  readonly history?: Pick<HistoryService, 'add'>;
  readonly notify: Notify;
}): Promise<string | null> {
  try {
    const image = await readClipboardImage(d.clipboard);
    if (!image) {
      d.notify('No image on the clipboard', 'Copy an image (or take a screenshot), then try again.');
      return null;
    }
    const result = await d.engine.recognize({ kind: 'bytes', ...image }, undefined, {
      priority: 'interactive',
    });
    const n = result.lines.length;
    if (n > 0) await d.clipboard.writeText(result.text);
    try {
      await d.history?.add('Clipboard image', result);
    } catch {
      // history is a convenience: the text is on the clipboard already
    }
    d.notify(
      n === 0 ? 'No text found in the clipboard image' : 'Text copied to the clipboard',
      n === 0
        ? 'The clipboard was left as it is.'
        : `${n} line${n === 1 ? '' : 's'}: ${result.text.slice(0, 120)}`,
    );
    return n > 0 ? result.text : null;
  } catch (err) {
    d.notify('Could not read the clipboard image', (err as Error).message);
    return null;
  }
}
