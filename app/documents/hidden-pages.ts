/**
 * Pages a PDF's page tree holds past the pages its root's /Count claims. PDFium and poppler show only the claimed ones,
 * so the others are in the file but read by nothing; the result says so (PAGES_HIDDEN). Found from the file's bytes
 * first, so that pdf-lib reads the whole file only when it holds more page objects than PDFium shows.
 */
import { treePageCount } from './page-tree-count';
import { decodeStreamData, streamFilters } from './stream-filters';

/** `/Type /Page` as written (either name perhaps with # escapes), ended by white space or a delimiter. */
const TYPE_PAGE =
  /\/((?:[A-Za-z]|#[0-9A-Fa-f]{2}){4})\s*\/((?:[A-Za-z]|#[0-9A-Fa-f]{2}){4,5})(?=[\s/<>[\]()%{}]|$)/gu;
/** An object stream's type, as written. */
const OBJECT_STREAM = /\/Type\s*\/ObjStm(?=[\s/<>[\]()%{}]|$)/gu;
/** The most an object stream is decoded to while counting: a bomb is not counted, nor decoded further. */
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

/** The file is read as text in windows this long (plus OVERLAP), never as one string the size of the file. */
const WINDOW = 8 * 2 ** 20;
/** What one match can span: windows overlap by this, and a match is counted in the window it starts in. */
const OVERLAP = 512;

/** Calls `fn` with the matches of `re` in one window of the file's bytes as Latin-1 text, at their offsets in the file. */
function windowMatches(
  text: string,
  start: number,
  re: RegExp,
  fn: (m: RegExpMatchArray, at: number) => void,
): void {
  for (const m of text.matchAll(re)) if (m.index < WINDOW) fn(m, start + m.index);
}

/** The page dictionaries in one object stream starting at `at` (its `/Type /ObjStm`), however its data is coded. */
function objectStreamPages(bytes: Buffer, at: number): number {
  const keyword = bytes.indexOf('stream', at, 'latin1');
  const end = keyword < 0 ? -1 : bytes.indexOf('endstream', keyword, 'latin1');
  if (keyword < 0 || end < 0) return 0;
  const dict = bytes.toString('latin1', Math.max(0, bytes.lastIndexOf('obj', at, 'latin1')), keyword);
  const filters = streamFilters(dict);
  if (!filters) return 0;
  const start = keyword + (bytes.toString('latin1', keyword + 6, keyword + 8) === '\r\n' ? 8 : 7);
  // Not decodable, or a bomb: its pages, if any, go uncounted.
  const data = decodeStreamData(bytes.subarray(start, end), filters, dict, MAX_INFLATED_BYTES);
  return data ? pageDicts(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1')) : 0;
}

/**
 * How many page dictionaries the file holds, written plainly or in object streams, however coded (the other objects,
 * versions an update replaced included, count too: this only says whether the tree is worth walking).
 */
export function pageObjectCount(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let start = 0; start < buf.length; start += WINDOW) {
    const text = buf.toString('latin1', start, Math.min(buf.length, start + WINDOW + OVERLAP));
    windowMatches(text, start, TYPE_PAGE, (m) => {
      if (unescaped(m[1]!) === 'Type' && unescaped(m[2]!) === 'Page') n++;
    });
    windowMatches(text, start, OBJECT_STREAM, (_, at) => (n += objectStreamPages(buf, at)));
  }
  return n;
}

/** How many pages the page tree holds past the `shown` ones PDFium shows (0 when none, or pdf-lib cannot tell). */
export async function hiddenPageCount(bytes: Uint8Array, shown: number): Promise<number> {
  if (pageObjectCount(bytes) <= shown) return 0;
  const held = await treePageCount(bytes);
  return held !== undefined && held > shown ? held - shown : 0;
}
