/** Reads a document page by page: a PDF page's own text when it has some (unless forced), else OCR of its rendering. */
import { assertNever } from '../contracts/assert-never';
import { LanternError } from '../contracts/errors';
import { imageTruncated, pagesHidden, tiffTruncated, type ResultWarning } from '../contracts/result-warnings';
import { MAX_PIXELS } from '../ocr/decode';
import type { OcrResult } from '../ocr/types';
import type { DocumentPage, DocumentResult, PageRecognizer, ReadPage } from './document-types';
import { isReadPage, MAX_PAGES } from './document-types';
import { DocumentError, encryptedCopy, toDocumentWireError, type DocumentWireError } from './errors';
import { assertOcrSize, openPdf } from './pdf-source';
import { ownLineIndices } from './own-lines';
import { pixelSize } from './page-geometry';
import { sniffDocument } from './sniff';
import { stampedScan } from './stamped-scan';
import { tiffChain } from '../ocr/tiff-chain';
import { tiffCut } from '../ocr/tiff-cut-short';
import { decodeTiffPage, tiffPageCount } from './tiff-source';
import type { RenderSlots } from './render-slots';

export { MAX_PAGES } from './document-types';

/** How a document is read. */
export interface DocumentOptions {
  readonly file?: string;
  readonly password?: string;
  /** OCR every page, even those that carry their own text (ocrmypdf's --force-ocr; the default is --skip-text). */
  readonly forceOcr?: boolean;
  /** Only a searchable copy is wanted: an encrypted PDF, which cannot be rewritten, is refused before any page is read. */
  readonly rewrite?: boolean;
  readonly maxPages?: number;
  readonly maxPixels?: number;
  /** Called once the page count is known, before any page is read. */
  readonly onOpen?: (pages: number) => void;
  /** Called after each page read now with its 1-based number, the page count and the page's outcome. */
  readonly onPage?: (done: number, total: number, page: DocumentPage) => void;
  /** Pages already read (by 1-based number; a resumed document): taken as they are, not read again. */
  readonly known?: ReadonlyMap<number, DocumentPage>;
  /** Called as soon as a page fails alone, with what it threw (before the pages ahead of it are reported in order). */
  readonly onPageFailed?: (page: DocumentPage, cause: unknown) => void;
  /** Errors that stop the whole document (rethrown) instead of failing one page; CANCELLED always does. */
  readonly isFatal?: (error: DocumentWireError) => boolean;
  readonly signal?: AbortSignal;
  /**
   * Pages rendered and submitted ahead of the one awaited (default 0): with an engine in another process, the next
   * page is rendered here while the engine reads this one.
   */
  readonly lookahead?: number;
  /**
   * Slots shared by the documents read at once: a page takes one before it is rendered and gives it back once read, so
   * their bitmaps waiting for the engine stay few however many documents are open.
   */
  readonly renderSlots?: RenderSlots;
}

/** A page the engine read, as a document page. */
function ocrPage(page: number, r: OcrResult): ReadPage {
  const { width, height, lines, text, blocks, orientation, paragraphs } = r;
  return {
    page,
    width,
    height,
    lines,
    text,
    source: 'ocr',
    ...(blocks === undefined ? {} : { blocks }),
    ...(orientation ? { orientation } : {}),
    ...(paragraphs === undefined ? {} : { paragraphs }),
  };
}

/** Recognises a PDF, a (multi-page) TIFF or a single image; throws only for errors of the whole document. */
export async function recognizeDocument(
  bytes: Uint8Array,
  recognize: PageRecognizer,
  opts: DocumentOptions = {},
): Promise<DocumentResult> {
  const t0 = performance.now();
  if (bytes.length === 0) throw new LanternError('EMPTY_INPUT', 'the file is empty (0 bytes)');
  const kind = sniffDocument(bytes);
  const maxPixels = opts.maxPixels ?? MAX_PIXELS;
  const pages: DocumentPage[] = [];
  const warnings: ResultWarning[] = [];
  let encrypted = false;
  const held = async <T>(read: () => Promise<T>): Promise<T> => {
    const release = await opts.renderSlots?.take(opts.signal);
    try {
      return await read();
    } finally {
      release?.();
    }
  };
  const each = async (count: number, read: (index: number) => Promise<ReadPage>) => {
    if (count > (opts.maxPages ?? MAX_PAGES))
      throw new DocumentError(
        'TOO_MANY_PAGES',
        `the document has ${count} pages, more than ${opts.maxPages ?? MAX_PAGES}`,
      );
    opts.onOpen?.(count);
    // A page's outcome: read, or failed alone; CANCELLED and fatal errors stop the document.
    const outcome = async (i: number): Promise<DocumentPage> => {
      try {
        return await read(i);
      } catch (err) {
        const error = toDocumentWireError(err);
        if (error.code === 'CANCELLED' || opts.isFatal?.(error)) throw err;
        const failed = { page: i + 1, error };
        opts.onPageFailed?.(failed, err);
        return failed;
      }
    };
    const started = new Map<number, Promise<DocumentPage>>();
    const start = (i: number) => {
      if (i >= count || started.has(i) || opts.known?.has(i + 1)) return;
      const p = outcome(i);
      p.catch(() => undefined); // awaited in order below; a page started ahead must not go unhandled
      started.set(i, p);
    };
    for (let i = 0; i < count; i++) {
      const known = opts.known?.get(i + 1);
      if (known) {
        pages.push(known);
        continue;
      }
      if (opts.signal?.aborted) throw new LanternError('CANCELLED', 'the document was cancelled');
      for (let k = 0; k <= (opts.lookahead ?? 0); k++) start(i + k);
      const page = await started.get(i)!;
      started.delete(i);
      pages.push(page);
      opts.onPage?.(i + 1, count, page);
    }
  };
  switch (kind) {
    case 'pdf': {
      const pdf = await openPdf(bytes, { password: opts.password, maxPixels });
      try {
        if (opts.rewrite && pdf.encrypted) throw encryptedCopy();
        encrypted = pdf.encrypted;
        if (pdf.hiddenPages > 0) warnings.push(pagesHidden(pdf.pageCount + pdf.hiddenPages, pdf.pageCount));
        await each(pdf.pageCount, (i) =>
          held(async () => {
            // PDFium's part of the page (frame, own text, rendering) runs at once, on an instance that works.
            const seen = await pdf.live(() => {
              const frame = pdf.frame(i);
              const own = pdf.text(i, frame);
              if (own && !opts.forceOcr && !stampedScan(frame, own))
                return { frame, own, ocr: false } as const;
              assertOcrSize(frame, maxPixels);
              return { own, image: pdf.render(i, frame), ocr: true } as const;
            });
            if (!seen.ocr) {
              const { width, height } = pixelSize(seen.frame);
              return {
                page: i + 1,
                width,
                height,
                lines: seen.own.lines,
                text: seen.own.text,
                source: 'pdf-text',
              };
            }
            const { own, image } = seen;
            const read = ocrPage(i + 1, await recognize({ kind: 'pixels', image }));
            if (!own) return read;
            const size = [image.width, image.height] as const;
            const ownLines = ownLineIndices(read.lines, [read.width, read.height], own.lines, size);
            return { ...read, ownText: true, ownLines };
          }),
        );
      } finally {
        pdf.close();
      }
      break;
    }
    case 'tiff': {
      const { endsAfter, bytes: chain } = tiffChain(bytes);
      const pageCount = await tiffPageCount(bytes);
      if (endsAfter !== undefined) warnings.push(tiffTruncated(endsAfter));
      // The last page's pixels cut short: its rows before the cut are read (tiff-cut-short.ts).
      else if (tiffCut(chain, pageCount - 1)?.before === 'row') warnings.push(imageTruncated());
      await each(pageCount, (i) =>
        held(async () =>
          ocrPage(
            i + 1,
            await recognize({ kind: 'pixels', image: await decodeTiffPage(bytes, i, maxPixels) }),
          ),
        ),
      );
      break;
    }
    case 'image':
      await each(1, async () => {
        const read = await recognize({ kind: 'bytes', bytes });
        warnings.push(...(read.warnings ?? []));
        return ocrPage(1, read);
      });
      break;
    default:
      assertNever(kind);
  }
  return {
    file: opts.file,
    kind,
    pages,
    text: documentText(pages),
    ms: Math.round(performance.now() - t0),
    ...(encrypted ? { encrypted } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/** The document's text: pages separated by form feeds (a failed page is an empty one). */
export function documentText(pages: readonly DocumentPage[]): string {
  return pages.map((p) => (isReadPage(p) ? p.text : '')).join('\n\f');
}
