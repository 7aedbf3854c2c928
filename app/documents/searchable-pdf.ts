/**
 * Writes the searchable PDF: the input's pages untouched (a PDF's own page objects, an image's own JPEG bytes or pixels)
 * plus an invisible text layer on every OCRed page, in one glyphless font with a ToUnicode map.
 */
import {
  PDFDocument,
  type PDFArray,
  type PDFName,
  PDFNumber,
  PDFString,
  rgb,
  StandardFonts,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { DocumentResult, ReadPage } from './document-types';
import { isReadPage } from './document-types';
import { DocumentError, encryptedCopy, LanternError } from './errors';
import { ASCENT, DESCENT, GLYPH_ADVANCE, glyphlessTrueType } from './glyphless-font';
import {
  compose,
  normaliseRotate,
  pixelToUser,
  type Affine,
  type PageFrame,
  type PdfRect,
} from './page-geometry';
import { assertPagesComplete } from './lost-objects';
import { attachLayer, fontDictionary, freeFontName } from './page-layer';
import { pageSlots } from './pdf-page-slots';
import { claimedFewer, settlePageCounts } from './page-tree-count';
import { reserveReferencedNumbers } from './object-numbers';
import { CharCodes, textLayerOps, toUnicodeCMap } from './text-layer';
import { layerFrame } from './text-layer-frame';
import { addImagePage, addTiffPage } from './image-pages';
import { LOAD_OPTIONS, OBJECTS_PER_TICK } from './pdf-lib-pace';

/**
 * The searchable PDF of a recognised document; `source` is the file it was recognised from. A file that cannot be
 * rewritten faithfully fails with its code (BAD_PDF, BAD_IMAGE), never as an internal error: pdf-lib reads damaged
 * files PDFium and viewers repair, and throws its own errors (or overflows its stack) on what it cannot.
 */
export async function searchablePdf(source: Uint8Array, doc: DocumentResult): Promise<Uint8Array> {
  try {
    return await writeCopy(source, doc);
  } catch (err) {
    if (err instanceof LanternError) throw err;
    // pdf-lib walks page trees and inherited attributes by recursion, without a guard against a tree that loops.
    const why =
      err instanceof RangeError
        ? 'its page tree or resources contain themselves (or nest too deeply)'
        : (err as Error).message;
    if (doc.kind === 'pdf') throw new DocumentError('BAD_PDF', `cannot rewrite the PDF: ${why}`);
    throw new LanternError('BAD_IMAGE', `cannot write the image as a PDF page: ${why}`);
  }
}

async function writeCopy(source: Uint8Array, doc: DocumentResult): Promise<Uint8Array> {
  const pdf =
    doc.kind === 'pdf' ? await loadOriginal(source) : await PDFDocument.create({ updateMetadata: false });
  if (doc.kind === 'image') await addImagePage(pdf, source);
  if (doc.kind === 'tiff')
    for (let i = 0; i < doc.pages.length; i++) {
      // A page that cannot be decoded fails alone: it keeps its place as a page that says so.
      const failed = await addTiffPage(pdf, source, i, isReadPage(doc.pages[i]!)).then(
        () => undefined,
        (err: unknown) => (err as Error).message,
      );
      if (failed !== undefined) await addUnreadPage(pdf, doc.pages[i], i + 1, failed);
    }
  const codes = new CharCodes();
  const fontRef = pdf.context.nextRef();
  const pages = pageSlots(pdf);
  if (doc.kind === 'pdf') {
    // Layers go on pages by PDFium's count: a tree pdf-lib reads otherwise would put them on the wrong pages. A tree
    // whose root claims fewer pages than its kids give is read as the claimed ones; the others stay as they are,
    // and so does the claim, so every viewer shows the copy as it showed the original.
    const unclaimed = claimedFewer(pdf, pages.length) === doc.pages.length;
    if (pages.length !== doc.pages.length && !unclaimed)
      throw new DocumentError(
        'BAD_PDF',
        `cannot rewrite the PDF: its page tree gives ${pages.length} pages where it was read as ${doc.pages.length}`,
      );
    assertPagesComplete(pdf, source);
    if (!unclaimed) settlePageCounts(pdf);
  }
  // A page object the tree names more than once is one page shown in each place: it takes the first place's layer.
  const layered = new Map<PDFRef, [PDFPage, ReadPage]>();
  for (const read of doc.pages) {
    const page = pages[read.page - 1];
    if (!page || !isReadPage(read) || read.source !== 'ocr') continue;
    const p = layerLines(read);
    if (p.lines.length > 0 && !layered.has(page.ref)) layered.set(page.ref, [page, p]);
  }
  const fontName = freeFontName([...layered.values()].map(([page]) => fontDictionary(page.node)));
  for (const [page, p] of layered.values()) addTextLayer(pdf, page, p, fontName, fontRef, codes);
  if (codes.size > 0) writeFont(pdf, fontRef, codes);
  // The trailer's /Size must be one past the highest object written (qpdf --check warns otherwise), but pdf-lib counts
  // every number it ever saw: the input's object and xref streams, which it unpacks and drops, and an unused fontRef.
  // Embedded images are written out first, so no number handed out is given again.
  await pdf.flush();
  pdf.context.largestObjectNumber = highestObject(pdf);
  // pdf-lib would add an A4 page to a tree it reads as empty (PDFium may read a page there) and redraw form fields.
  return pdf.save({
    useObjectStreams: doc.kind === 'pdf' && packsObjects(source),
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: OBJECTS_PER_TICK,
  });
}

/**
 * The lines a page's layer holds: a page with its own text (OCR forced) keeps that text alone, since a second layer
 * over it would double its words in a copy; only the lines it does not hold (a stamped scan's) are added.
 */
function layerLines(p: ReadPage): ReadPage {
  if (!p.ownText) return p;
  const own = new Set(p.ownLines ?? p.lines.keys());
  return { ...p, lines: p.lines.filter((_, i) => !own.has(i)) };
}

/**
 * Whether a PDF keeps objects in object streams: its copy does too (written plainly, a document of many small objects,
 * links say, grew severalfold), while one without them (PDF 1.4, PDF/A-1 forbids them) gets none.
 */
function packsObjects(source: Uint8Array): boolean {
  return Buffer.from(source.buffer, source.byteOffset, source.byteLength).includes('/ObjStm', 0, 'latin1');
}

function highestObject(pdf: PDFDocument): number {
  let n = 0;
  for (const [ref] of pdf.context.enumerateIndirectObjects()) n = Math.max(n, ref.objectNumber);
  return n;
}

async function loadOriginal(bytes: Uint8Array): Promise<PDFDocument> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, LOAD_OPTIONS);
  } catch (err) {
    throw new DocumentError('BAD_PDF', `cannot rewrite the PDF: ${(err as Error).message}`);
  }
  if (pdf.isEncrypted) throw encryptedCopy();
  reserveReferencedNumbers(pdf);
  return pdf;
}

/** A page in place of one that could not be decoded: the size of the page before it (else A4), and why, visibly. */
async function addUnreadPage(
  pdf: PDFDocument,
  read: DocumentResult['pages'][number] | undefined,
  n: number,
  why: string,
): Promise<void> {
  const before = pdf.getPageCount() > 0 ? pdf.getPage(pdf.getPageCount() - 1).getSize() : undefined;
  // Room for the note: a page before it smaller than a postcard does not set the size.
  const fits = before !== undefined && before.width >= 200 && before.height >= 200;
  const page = pdf.addPage(fits ? [before.width, before.height] : [595, 842]);
  const reason = read && !isReadPage(read) ? `${read.error.code}: ${read.error.message}` : why;
  // Helvetica's WinAnsi cannot show every character a library's message may hold.
  const shown = reason.slice(0, 120).replace(/[^\x20-\x7e]/gu, '?');
  page.drawText(`Page ${n} could not be read (${shown})`, {
    x: 36,
    y: page.getHeight() - 48,
    size: 10,
    font: await pdf.embedFont(StandardFonts.Helvetica),
    color: rgb(0.4, 0.4, 0.4),
  });
}

/** The frame a page was OCRed in: its visible box and /Rotate, at the scale its pixel width says. */
function frameOf(page: PDFPage, read: ReadPage): PageFrame {
  const media = pageBox(() => page.node.MediaBox()) ?? LETTER;
  const crop = pageBox(() => page.node.CropBox()) ?? media;
  const x = Math.max(crop.x, media.x);
  const y = Math.max(crop.y, media.y);
  const w = Math.min(crop.x + crop.width, media.x + media.width) - x;
  const h = Math.min(crop.y + crop.height, media.y + media.height) - y;
  const box = w > 0 && h > 0 ? { x, y, width: w, height: h } : media;
  const rotate = normaliseRotate(page.getRotation().angle);
  const shownWidth = rotate === 90 || rotate === 270 ? box.height : box.width;
  return { box, rotate, scale: read.width / shownWidth };
}

/** The page size PDFium and poppler show when a page names no MediaBox, itself or up its page tree. */
const LETTER: PdfRect = { x: 0, y: 0, width: 612, height: 792 };

/**
 * A page's MediaBox or CropBox (inherited too) as PDFium reads it: any two opposite corners in either order (pdf-lib's
 * rectangle keeps them as written, with a negative width), undefined when absent or unusable.
 */
function pageBox(get: () => PDFArray | undefined): PdfRect | undefined {
  let corners: number[];
  try {
    const array = get();
    if (!array || array.size() !== 4) return undefined;
    corners = [0, 1, 2, 3].map((i) => {
      const v = array.lookup(i);
      return v instanceof PDFNumber ? v.asNumber() : NaN;
    });
  } catch {
    return undefined;
  }
  const [x0, y0, x1, y1] = corners as [number, number, number, number];
  if (![x0, y0, x1, y1].every(Number.isFinite) || x0 === x1 || y0 === y1) return undefined;
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
}

function addTextLayer(
  pdf: PDFDocument,
  page: PDFPage,
  read: ReadPage,
  fontName: PDFName,
  fontRef: PDFRef,
  codes: CharCodes,
): void {
  const frame = frameOf(page, read);
  // The page's pixels may be taller or wider than square (a fax image): the read's height spans the page's height.
  const shownHeight = frame.rotate === 90 || frame.rotate === 270 ? frame.box.width : frame.box.height;
  const down: Affine = [1, 0, 0, (shownHeight * frame.scale) / read.height, 0, 0];
  const layer = layerFrame(read, compose(down, pixelToUser(frame)));
  const ops = textLayerOps(layer.lines, layer.toUser, fontName.decodeText(), codes);
  if (!ops) return;
  attachLayer(page.node, pdf.context.register(pdf.context.flateStream(`q\n${ops}\nQ\n`)), fontName, fontRef);
}

function writeFont(pdf: PDFDocument, fontRef: PDFRef, codes: CharCodes): void {
  const ctx = pdf.context;
  const fontFile = ctx.register(ctx.flateStream(glyphlessTrueType()));
  const descriptor = ctx.register(
    ctx.obj({
      Type: 'FontDescriptor',
      FontName: 'GlyphLessFont',
      Flags: 5,
      FontBBox: [0, DESCENT, GLYPH_ADVANCE, ASCENT],
      ItalicAngle: 0,
      Ascent: ASCENT,
      Descent: DESCENT,
      CapHeight: ASCENT,
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  // Every code shows glyph 1 (empty); code 0 stays on .notdef.
  const gids = new Uint8Array((codes.size + 1) * 2);
  for (let c = 1; c <= codes.size; c++) gids[c * 2 + 1] = 1;
  const cidFont = ctx.register(
    ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: 'GlyphLessFont',
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: GLYPH_ADVANCE,
      CIDToGIDMap: ctx.register(ctx.flateStream(gids)),
    }),
  );
  ctx.assign(
    fontRef,
    ctx.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: 'GlyphLessFont',
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: ctx.register(ctx.flateStream(toUnicodeCMap(codes))),
    }),
  );
}
