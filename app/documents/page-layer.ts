/**
 * Puts a text layer on a page of a loaded PDF without pdf-lib's page normalisation, which copies a page's shared or
 * inherited resources into the page and appends to a contents array other pages may share.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFStream,
  type PDFObject,
  type PDFPageLeaf,
  type PDFRef,
} from 'pdf-lib';

const CONTENTS = PDFName.of('Contents');
const RESOURCES = PDFName.of('Resources');
const FONT = PDFName.of('Font');

/** The page's font dictionary (in its own resources or those it inherits), undefined where it has none yet. */
export function fontDictionary(page: PDFPageLeaf): PDFDict | undefined {
  const resources = lookupDict(page, page.getInheritableAttribute(RESOURCES));
  return resources && lookupDict(page, resources.get(FONT));
}

/**
 * A font name no dictionary in `fonts` holds yet, one for the whole document: pages that share their resources then
 * share one entry rather than adding one each.
 */
export function freeFontName(fonts: readonly (PDFDict | undefined)[]): PDFName {
  for (let n = 0; ; n++) {
    const name = PDFName.of(n === 0 ? 'LanternGlyphless' : `LanternGlyphless${n}`);
    if (fonts.every((f) => !f?.has(name))) return name;
  }
}

/**
 * Adds `font` under `name` to the resources the page draws on, in place (shared ones stay shared), and puts `layer`
 * first in a contents array of the page's own: drawn before the page's content, the layer starts from the page's
 * initial graphics state whatever that content leaves behind (stray Qs that pop more than it saved, a scale left in
 * force), and a contents array other pages share does not take it.
 */
export function attachLayer(page: PDFPageLeaf, layer: PDFRef, name: PDFName, font: PDFRef): void {
  const ctx = page.context;
  let resources = lookupDict(page, page.getInheritableAttribute(RESOURCES));
  if (!resources) {
    resources = ctx.obj({});
    page.set(RESOURCES, resources);
  }
  let fonts = lookupDict(page, resources.get(FONT));
  if (!fonts) {
    fonts = ctx.obj({});
    resources.set(FONT, fonts);
  }
  fonts.set(name, font);
  const contents = page.get(CONTENTS);
  const found = contents === undefined ? undefined : ctx.lookup(contents);
  const rest = found instanceof PDFArray ? found.asArray() : found instanceof PDFStream ? [contents!] : [];
  page.set(CONTENTS, ctx.obj([layer, ...rest]));
}

function lookupDict(page: PDFPageLeaf, value: PDFObject | undefined): PDFDict | undefined {
  const found = page.context.lookup(value);
  return found instanceof PDFDict ? found : undefined;
}
