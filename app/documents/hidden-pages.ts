/**
 * Pages a PDF's page tree holds past the pages its root's /Count claims. PDFium and poppler show only the claimed ones,
 * so the others are in the file but read by nothing; the result says so (PAGES_HIDDEN). Found from the file's bytes
 * first, so that pdf-lib reads the whole file only when it holds more page objects than PDFium shows.
 */
import { constants, inflateSync } from 'node:zlib';
import { treePageCount } from './page-tree-count';

/** `/Type /Page` as written (either name perhaps with # escapes), ended by white space or a delimiter. */
const TYPE_PAGE =
  /\/((?:[A-Za-z]|#[0-9A-Fa-f]{2}){4})\s*\/((?:[A-Za-z]|#[0-9A-Fa-f]{2}){4,5})(?=[\s/<>[\]()%{}]|$)/gu;
/** An object stream's type, as written. */
const OBJECT_STREAM = /\/Type\s*\/ObjStm(?=[\s/<>[\]()%{}]|$)/gu;
/** The most an object stream is inflated to while counting: a bomb is not counted, nor inflated further. */
const MAX_INFLATED_BYTES = 64 * 2 ** 20;

/** A name as meant: its # escapes decoded. */
const unescaped = (name: string) =>
  name.replace(/#([0-9A-Fa-f]{2})/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** How many page dictionaries `text` writes out (`/Type /Page`, not `/Pages`). */
function pageDicts(text: string): number {
  let n = 0;
  for (const m of text.matchAll(TYPE_PAGE))
    if (unescaped(m[1]!) === 'Type' && unescaped(m[2]!) === 'Page') n++;
  return n;
}

/**
 * How many page dictionaries the file holds, written plainly or in Flate-compressed object streams (the other objects,
 * versions an update replaced included, count too: this only says whether the tree is worth walking).
 */
export function pageObjectCount(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let n = pageDicts(text);
  for (const m of text.matchAll(OBJECT_STREAM)) {
    const keyword = text.indexOf('stream', m.index);
    const end = text.indexOf('endstream', keyword);
    if (keyword < 0 || end < 0) continue;
    const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/u.exec(
      text.slice(text.lastIndexOf('obj', m.index), keyword),
    )?.[1];
    const flate = filter !== undefined;
    if (flate && filter.replace(/[[\]\s]/gu, '') !== '/FlateDecode') continue;
    const start = keyword + (text.startsWith('\r\n', keyword + 6) ? 8 : 7);
    try {
      const data = bytes.subarray(start, end);
      // A stream cut short still gives what it holds.
      const inflated = flate
        ? inflateSync(data, { maxOutputLength: MAX_INFLATED_BYTES, finishFlush: constants.Z_SYNC_FLUSH })
        : Buffer.from(data);
      n += pageDicts(inflated.toString('latin1'));
    } catch {
      // Not inflatable, or a bomb: its pages, if any, go uncounted.
    }
  }
  return n;
}

/** How many pages the page tree holds past the `shown` ones PDFium shows (0 when none, or pdf-lib cannot tell). */
export async function hiddenPageCount(bytes: Uint8Array, shown: number): Promise<number> {
  if (pageObjectCount(bytes) <= shown) return 0;
  const held = await treePageCount(bytes);
  return held !== undefined && held > shown ? held - shown : 0;
}
