/**
 * Images a page makes PDFium decode that PDFium does not list as page objects: a soft mask (which may be larger than
 * its image), images inside a tiling pattern, a soft-mask group or a Type 3 glyph. PDFium decodes each whole, so
 * they are held to the pixel limit as the page's own images are (page-images.ts), from the file's dictionaries.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFStream } from 'pdf-lib';
import { pageSlots } from './pdf-page-slots';
import { LOAD_OPTIONS } from './pdf-lib-pace';

/** What hides an image from PDFium's page objects, as the refusal names it. */
type Where = 'soft mask' | 'tiling pattern' | 'Type 3 font' | 'resources';

/** An image past the limit: its size and what hides it. */
interface Finding {
  readonly width: number;
  readonly height: number;
  readonly where: Where;
}

const name = (s: string) => PDFName.of(s);

/**
 * Whether the file may hold an image of more than `maxPixels` pixels: image dictionaries are never inside object
 * streams (they are streams), so their /Width and /Height are in the file's bytes as written (their names perhaps with
 * # escapes). An indirect size, or one that is not a number, counts as may, and pdf-lib then reads the dictionaries.
 */
export function mayHoldImageOver(bytes: Uint8Array, maxPixels: number): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  let width = 0;
  let height = 0;
  // A name of five or six letters, each maybe written #hh, and the token after it (a number, or an object number).
  for (const m of text.matchAll(
    /\/((?:[A-Za-z]|#[0-9A-Fa-f]{2}){5,6})(?![!-~])\s*([^\s/<>[\]()]*)(\s+\d+\s+R)?/gu,
  )) {
    const key = m[1]!.replace(/#([0-9A-Fa-f]{2})/gu, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (key !== 'Width' && key !== 'Height') continue;
    const value = Number(m[2]);
    if (m[3] || !Number.isFinite(value)) return true;
    if (key === 'Width') width = Math.max(width, value);
    else height = Math.max(height, value);
  }
  return width * height > maxPixels;
}

/** The pages (0-based, in PDFium's order) whose hidden images pass `maxPixels`, each with its refusal. */
export async function hiddenImageRefusals(
  bytes: Uint8Array,
  maxPixels: number,
): Promise<Map<number, string>> {
  const refusals = new Map<number, string>();
  if (!mayHoldImageOver(bytes, maxPixels)) return refusals;
  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(bytes, LOAD_OPTIONS);
  } catch {
    // Unreadable to pdf-lib: PDFium's heap cap still bounds what such a page can take.
    return refusals;
  }
  const walk = imageWalk(maxPixels);
  pageSlots(pdf).forEach((page, i) => {
    if (!page) return;
    const found = walk.resources(page.node.Resources(), 'resources') ?? walk.annotations(page.node);
    if (found)
      refusals.set(
        i,
        `the page's ${found.where} holds an image of ${found.width}×${found.height} pixels, larger than ${maxPixels} pixels`,
      );
  });
  return refusals;
}

/** A walk over resource dictionaries that remembers each one's answer: pages often share theirs. */
function imageWalk(maxPixels: number) {
  const known = new Map<PDFDict, Finding | null>();
  const values = (dict: PDFDict | undefined, key: string) => {
    const sub = dict?.lookupMaybe(name(key), PDFDict);
    return sub ? sub.keys().map((k) => sub.lookup(k)) : [];
  };
  const dictOf = (o: unknown) => (o instanceof PDFStream ? o.dict : o instanceof PDFDict ? o : undefined);
  const num = (d: PDFDict, key: string) => d.lookupMaybe(name(key), PDFNumber)?.asNumber() ?? 0;

  const image = (d: PDFDict, where: Where): Finding | undefined => {
    const width = num(d, 'Width');
    const height = num(d, 'Height');
    if (width * height > maxPixels) return { width, height, where };
    const mask = dictOf(d.lookup(name('SMask'))) ?? dictOf(d.lookup(name('Mask')));
    return mask ? remember(mask, () => image(mask, 'soft mask')) : undefined;
  };
  /** Runs `fn` once for `d`: a dictionary met again (shared, or a loop) answers what it answered, or nothing yet. */
  const remember = (d: PDFDict, fn: () => Finding | undefined): Finding | undefined => {
    if (known.has(d)) return known.get(d) ?? undefined;
    known.set(d, null);
    const found = fn();
    known.set(d, found ?? null);
    return found;
  };
  const resources = (res: PDFDict | undefined, where: Where): Finding | undefined => {
    if (!res) return undefined;
    return remember(res, () => {
      for (const x of values(res, 'XObject')) {
        const d = dictOf(x);
        const subtype = d?.lookupMaybe(name('Subtype'), PDFName)?.asString();
        const found =
          subtype === '/Image'
            ? remember(d!, () => image(d!, where))
            : subtype === '/Form'
              ? resources(d!.lookupMaybe(name('Resources'), PDFDict), where)
              : undefined;
        if (found) return found;
      }
      for (const p of values(res, 'Pattern')) {
        const d = dictOf(p);
        if (d && num(d, 'PatternType') === 1) {
          const found = resources(d.lookupMaybe(name('Resources'), PDFDict), 'tiling pattern');
          if (found) return found;
        }
      }
      for (const g of values(res, 'ExtGState')) {
        const group = dictOf(dictOf(g)?.lookup(name('SMask')))?.lookup(name('G'));
        const found = resources(dictOf(group)?.lookupMaybe(name('Resources'), PDFDict), 'soft mask');
        if (found) return found;
      }
      for (const f of values(res, 'Font')) {
        const d = dictOf(f);
        if (d?.lookupMaybe(name('Subtype'), PDFName)?.asString() !== '/Type3') continue;
        const found = resources(d.lookupMaybe(name('Resources'), PDFDict), 'Type 3 font');
        if (found) return found;
      }
      return undefined;
    });
  };
  /** Annotations' normal appearances, which the page is rendered with (a state dictionary holds one per state). */
  const annotations = (page: PDFDict): Finding | undefined => {
    const annots = page.lookupMaybe(name('Annots'), PDFArray);
    for (let i = 0; i < (annots?.size() ?? 0); i++) {
      const normal = dictOf(dictOf(annots!.lookup(i))?.lookup(name('AP')))?.lookup(name('N'));
      const forms =
        normal instanceof PDFStream
          ? [normal]
          : normal instanceof PDFDict
            ? normal.keys().map((k) => normal.lookup(k))
            : [];
      for (const form of forms) {
        const found = resources(dictOf(form)?.lookupMaybe(name('Resources'), PDFDict), 'resources');
        if (found) return found;
      }
    }
    return undefined;
  };
  return { resources, annotations };
}
