/** The pages of a PDF that pdf-lib loaded, each at the position PDFium gives it in the page tree. */
import { PDFArray, PDFDict, PDFName, PDFPage, PDFPageLeaf, PDFRef, type PDFDocument } from 'pdf-lib';

const KIDS = PDFName.of('Kids');

/**
 * Every page of the tree in PDFium's order: each kid that is not a node with /Kids counts as one page, so a kid that
 * cannot be read or lacks /Type /Page keeps its place (pdf-lib's getPages() skips both, and the pages after it would
 * take the text layers of the pages before them). Undefined where there is no page dictionary to write to.
 */
export function pageSlots(pdf: PDFDocument): (PDFPage | undefined)[] {
  const leaves = new Map(pdf.getPages().map((p) => [p.ref, p]));
  const slots: (PDFPage | undefined)[] = [];
  const seen = new Set<PDFDict>();
  const walk = (node: PDFDict): void => {
    // A tree that loops back on itself is walked once, as PDFium does.
    if (seen.has(node)) return;
    seen.add(node);
    const kids = node.lookupMaybe(KIDS, PDFArray);
    for (let i = 0; i < (kids?.size() ?? 0); i++) {
      const ref = kids!.get(i);
      const kid = pdf.context.lookup(ref);
      if (kid instanceof PDFDict && kid.has(KIDS)) walk(kid);
      else slots.push(ref instanceof PDFRef ? (leaves.get(ref) ?? asPage(pdf, ref, kid)) : undefined);
    }
  };
  walk(pdf.catalog.Pages());
  return slots;
}

/** A page dictionary pdf-lib did not take for a page (no /Type /Page) as a page, so its layer can be added. */
function asPage(pdf: PDFDocument, ref: PDFRef, kid: unknown): PDFPage | undefined {
  if (!(kid instanceof PDFDict) || kid instanceof PDFPageLeaf) return undefined;
  const leaf = PDFPageLeaf.fromMapWithContext(new Map(kid.entries()), pdf.context);
  leaf.set(PDFName.of('Type'), PDFName.of('Page'));
  pdf.context.assign(ref, leaf);
  return PDFPage.of(leaf, ref, pdf);
}
