/**
 * Writes the searchable PDF: the input's pages untouched (a PDF's own page objects, an image's own JPEG bytes or pixels)
 * plus an invisible text layer on every OCRed page, in one glyphless font with a ToUnicode map.
 */
import {
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  PDFDocument,
  type PDFArray,
  PDFName,
  PDFNumber,
  PDFString,
  rgb,
  StandardFonts,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import type { Metadata, Sharp } from 'sharp';
import { loadSharp } from '../ocr/decode';
import type { DocumentResult, ReadPage } from './document-types';
import { isReadPage } from './document-types';
import { DocumentError, encryptedCopy } from './errors';
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
import { pageSlots } from './pdf-page-slots';
import { imageResolution, type Resolution } from './image-resolution';
import { embedPixels } from './pixel-image';
import { tiffPage } from './tiff-source';
import { CharCodes, textLayerOps, toUnicodeCMap } from './text-layer';
import { layerFrame } from './text-layer-frame';
import { MAX_PIXELS } from '../ocr/decode';

/** EXIF orientations a page's /Rotate can show without touching the image (others are re-encoded upright). */
const EXIF_ROTATE: Readonly<Record<number, 0 | 90 | 180 | 270>> = { 1: 0, 3: 180, 6: 90, 8: 270 };

/** The searchable PDF of a recognised document; `source` is the file it was recognised from. */
export async function searchablePdf(source: Uint8Array, doc: DocumentResult): Promise<Uint8Array> {
  const pdf =
    doc.kind === 'pdf' ? await loadOriginal(source) : await PDFDocument.create({ updateMetadata: false });
  if (doc.kind === 'image') await addImagePage(pdf, source);
  if (doc.kind === 'tiff')
    for (let i = 0; i < doc.pages.length; i++) {
      // A page that cannot be decoded fails alone: it keeps its place as a page that says so.
      const failed = await tiffPage(source, i, MAX_PIXELS)
        .then(async (img) => {
          const meta = await img.metadata();
          await addPixelsPage(
            pdf,
            img,
            meta,
            uprightScale(imageResolution(source, meta, i), meta.orientation),
          );
        })
        .then(
          () => undefined,
          (err: unknown) => (err as Error).message,
        );
      if (failed !== undefined) await addUnreadPage(pdf, doc.pages[i], i + 1, failed);
    }
  const codes = new CharCodes();
  const fontRef = pdf.context.nextRef();
  const pages = pageSlots(pdf);
  if (doc.kind === 'pdf') assertPagesComplete(pdf, source);
  for (const p of doc.pages) {
    const page = pages[p.page - 1];
    // A page that has its own text keeps it alone: a second, OCRed layer would double every word in a copy.
    if (!page || !isReadPage(p) || p.source !== 'ocr' || p.ownText || p.lines.length === 0) continue;
    addTextLayer(pdf, page, p, fontRef, codes);
  }
  if (codes.size > 0) writeFont(pdf, fontRef, codes);
  // The trailer's /Size must be one past the highest object written (qpdf --check warns otherwise), but pdf-lib counts
  // every number it ever saw: the input's object and xref streams, which it unpacks and drops, and an unused fontRef.
  // Embedded images are written out first, so no number handed out is given again.
  await pdf.flush();
  pdf.context.largestObjectNumber = highestObject(pdf);
  return pdf.save({ useObjectStreams: false });
}

function highestObject(pdf: PDFDocument): number {
  let n = 0;
  for (const [ref] of pdf.context.enumerateIndirectObjects()) n = Math.max(n, ref.objectNumber);
  return n;
}

async function loadOriginal(bytes: Uint8Array): Promise<PDFDocument> {
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  } catch (err) {
    throw new DocumentError('BAD_PDF', `cannot rewrite the PDF: ${(err as Error).message}`);
  }
  if (pdf.isEncrypted) throw encryptedCopy();
  return pdf;
}

/** Adds one page showing an image at its own resolution: a JPEG embedded as it is, other images as their pixels. */
async function addImagePage(pdf: PDFDocument, bytes: Uint8Array): Promise<void> {
  const sharp = await loadSharp();
  const meta = await sharp(bytes).metadata();
  const stored = pointsPerPixel(imageResolution(bytes, meta));
  const turn = EXIF_ROTATE[meta.orientation ?? 1];
  if (meta.format === 'jpeg' && turn !== undefined) {
    const image = await pdf.embedJpg(bytes);
    const [width, height] = [image.width * stored.x, image.height * stored.y];
    const page = pdf.addPage([width, height]);
    page.drawImage(image, { x: 0, y: 0, width, height });
    if (turn) page.node.set(PDFName.of('Rotate'), PDFNumber.of(turn));
    return;
  }
  await addPixelsPage(
    pdf,
    sharp(bytes).rotate(),
    meta,
    uprightScale(imageResolution(bytes, meta), meta.orientation),
  );
}

/** Points per pixel across and down at a resolution. */
function pointsPerPixel(dpi: Resolution): Scale {
  return { x: 72 / dpi.x, y: 72 / dpi.y };
}

/** Points per pixel of an image stored at `dpi` once its orientation tag has turned it upright. */
function uprightScale(dpi: Resolution, orientation = 1): Scale {
  const stored = pointsPerPixel(dpi);
  // Orientations 5 to 8 turn the image a quarter: what ran across runs down.
  return orientation >= 5 ? { x: stored.y, y: stored.x } : stored;
}

/** Points per pixel across (x) and down (y). */
interface Scale {
  readonly x: number;
  readonly y: number;
}

/**
 * Adds one page showing `upright` (an image or a TIFF page, turned upright) decoded once to its pixels, `k` points a
 * pixel: grey as grey, transparency through pdf-lib's PNG soft mask; `meta` is the stored image's.
 */
async function addPixelsPage(pdf: PDFDocument, upright: Sharp, meta: Metadata, k: Scale): Promise<void> {
  const grey = meta.channels === 1 || meta.space === 'b-w' || meta.space === 'grey16';
  const raw = meta.hasAlpha
    ? undefined
    : await upright
        .toColourspace(grey ? 'b-w' : 'srgb')
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
  if (!raw || (raw.info.channels !== 1 && raw.info.channels !== 3)) {
    // Transparency needs pdf-lib's soft mask.
    const image = await pdf.embedPng(await upright.png().toBuffer());
    const [width, height] = [image.width * k.x, image.height * k.y];
    pdf.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
    return;
  }
  const { width, height, channels } = raw.info;
  const ref = await embedPixels(pdf, { data: raw.data, width, height, channels });
  const page = pdf.addPage([width * k.x, height * k.y]);
  const name = page.node.newXObject('Im', ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(width * k.x, 0, 0, height * k.y, 0, 0),
    drawObject(name),
    popGraphicsState(),
  );
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
  fontRef: PDFRef,
  codes: CharCodes,
): void {
  page.node.normalize();
  const name = page.node.newFontDictionary('LanternGlyphless', fontRef);
  const frame = frameOf(page, read);
  // The page's pixels may be taller or wider than square (a fax image): the read's height spans the page's height.
  const shownHeight = frame.rotate === 90 || frame.rotate === 270 ? frame.box.width : frame.box.height;
  const down: Affine = [1, 0, 0, (shownHeight * frame.scale) / read.height, 0, 0];
  const layer = layerFrame(read, compose(down, pixelToUser(frame)));
  const ops = textLayerOps(layer.lines, layer.toUser, name.decodeText(), codes);
  if (!ops) return;
  page.node.addContentStream(pdf.context.register(pdf.context.flateStream(`q\n${ops}\nQ\n`)));
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
