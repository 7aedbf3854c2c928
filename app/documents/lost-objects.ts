/**
 * Objects a page needs that pdf-lib did not load although the file holds them. pdf-lib reads a PDF in file order, not
 * by its xref table as PDFium and viewers do, so one damaged object (a string that never closes) can swallow the
 * objects after it, and a copy written from pdf-lib's view would silently lose what those pages draw.
 */
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';
import { DocumentError } from './errors';

/** Links back up the tree (a node's parent, an annotation's page): everything below the root is reached anyway. */
const UPWARD = new Set([PDFName.of('Parent'), PDFName.of('P')]);

/**
 * Throws BAD_PDF when the page tree refers, directly or not, to an object the file defines but pdf-lib could not read:
 * a page itself, or what one draws.
 */
export function assertPagesComplete(pdf: PDFDocument, bytes: Uint8Array): void {
  // Made only when a reference dangles: a reference to an object the file never defines is null to every reader.
  let defined: Set<string> | undefined;
  const inFile = (ref: PDFRef) => {
    defined ??= objectsInFile(bytes);
    return defined.has(`${ref.objectNumber} ${ref.generationNumber}`);
  };
  const seen = new Set<PDFObject>();
  const stack: PDFObject[] = [pdf.catalog.Pages()];
  while (stack.length > 0) {
    const obj = stack.pop()!;
    if (obj instanceof PDFRef) {
      const target = pdf.context.lookup(obj);
      if (target === undefined && inFile(obj))
        throw new DocumentError(
          'BAD_PDF',
          `cannot rewrite the PDF: object ${obj.objectNumber}, which its pages need, is damaged in the file`,
        );
      if (target !== undefined) stack.push(target);
      continue;
    }
    if (seen.has(obj)) continue;
    seen.add(obj);
    const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : undefined;
    if (dict) for (const [key, value] of dict.entries()) if (!UPWARD.has(key)) stack.push(value);
    if (obj instanceof PDFArray) stack.push(...obj.asArray());
  }
}

/** Every "n g obj" the file's bytes hold, as "n g". */
function objectsInFile(bytes: Uint8Array): Set<string> {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![0-9])(\d+)\s+(\d+)\s+obj\b/gu)) found.add(`${m[1]} ${m[2]}`);
  return found;
}
