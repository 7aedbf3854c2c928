/**
 * A stream's data decoded through the filters its dictionary names, at most a bounded number of bytes: the page count
 * from a file's bytes (hidden-pages.ts) reads object streams however they are coded, as PDFium does, without letting a
 * small stream that expands enormously be decoded whole.
 */
import { constants, inflateSync } from 'node:zlib';
import { decodePDFRawStream, PDFContext, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib';

/** Filters a stream's data is decoded through here: those an object stream may use (ISO 32000-1, 7.4). */
const FILTERS = new Set(['FlateDecode', 'LZWDecode', 'ASCIIHexDecode', 'ASCII85Decode', 'RunLengthDecode']);

/** The filter names a stream's dictionary text gives, in order ([] for none), or undefined when it is not readable. */
export function streamFilters(dict: string): string[] | undefined {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/u.exec(dict)?.[1];
  if (filter === undefined) return [];
  const names = [...filter.matchAll(/\/([A-Za-z0-9]+)/gu)].map((m) => m[1]!);
  return names.every((n) => FILTERS.has(n)) ? names : undefined;
}

/**
 * `data` decoded through `filters`, cut at `max` bytes (a stream cut short gives what it holds), or undefined when a
 * filter cannot decode it. Flate alone goes through zlib, the rest through pdf-lib's decoders read only up to `max`.
 * An LZW stream's /EarlyChange (in `dictText`) is honoured; predictors are not (no writer uses them on object streams).
 */
export function decodeStreamData(
  data: Uint8Array,
  filters: readonly string[],
  dictText: string,
  max: number,
): Uint8Array | undefined {
  try {
    if (filters.length === 0) return data.subarray(0, max);
    if (filters.length === 1 && filters[0] === 'FlateDecode')
      return inflateSync(data, { maxOutputLength: max, finishFlush: constants.Z_SYNC_FLUSH });
    const context = PDFContext.create();
    const early = /\/EarlyChange\s+(\d+)/u.exec(dictText)?.[1];
    const parms = filters.map((f) =>
      f === 'LZWDecode' && early !== undefined
        ? context.obj({ EarlyChange: PDFNumber.of(Number(early)) })
        : context.obj(null),
    );
    const dict = context.obj({ Filter: filters.map((f) => PDFName.of(f)), DecodeParms: parms });
    const out = decodePDFRawStream(PDFRawStream.of(dict, data)).getBytes(max);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch {
    return undefined; // not decodable, or a Flate bomb past `max`
  }
}
