/**
 * The pages a PDF's page tree really holds. Its /Count is a claim the writer made: PDFium and poppler take the root's
 * for the page count, while each page is found by walking the kids, so a /Count larger than the kids give shows pages
 * that are nowhere in the file.
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFDocument } from 'pdf-lib';
import { pageSlots } from './pdf-page-slots';
import { LOAD_OPTIONS } from './pdf-lib-pace';

const KIDS = PDFName.of('Kids');
const COUNT = PDFName.of('Count');

/** How many pages the tree's kids give (as pageSlots counts them), or undefined when pdf-lib cannot read the file. */
export async function treePageCount(bytes: Uint8Array): Promise<number | undefined> {
  try {
    const pdf = await PDFDocument.load(bytes, LOAD_OPTIONS);
    return pageSlots(pdf).length;
  } catch {
    return undefined;
  }
}

/**
 * The pages the root's /Count claims, where it claims fewer than `held`: PDFium and poppler show only those, the first
 * ones of the tree's walk, and the others are in the file but nowhere to be seen. Undefined otherwise.
 */
export function claimedFewer(pdf: PDFDocument, held: number): number | undefined {
  const claimed = pdf.catalog.Pages().lookupMaybe(COUNT, PDFNumber)?.asNumber();
  return claimed !== undefined && Number.isInteger(claimed) && claimed > 0 && claimed < held
    ? claimed
    : undefined;
}

/** Sets every node's /Count to the pages below it, so a copy claims the pages it holds and no others. */
export function settlePageCounts(pdf: PDFDocument): void {
  const seen = new Set<PDFDict>();
  const count = (node: PDFDict): number => {
    // A node reached again (a tree that loops) is walked once, as PDFium and pageSlots do.
    if (seen.has(node)) return 0;
    seen.add(node);
    const kids = node.lookupMaybe(KIDS, PDFArray);
    let n = 0;
    for (let i = 0; i < (kids?.size() ?? 0); i++) {
      const kid = pdf.context.lookup(kids!.get(i));
      n += kid instanceof PDFDict && kid.has(KIDS) ? count(kid) : 1;
    }
    if (node.lookupMaybe(COUNT, PDFNumber)?.asNumber() !== n) node.set(COUNT, PDFNumber.of(n));
    return n;
  };
  count(pdf.catalog.Pages());
}
