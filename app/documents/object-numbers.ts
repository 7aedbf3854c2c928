/** Object numbers for what a searchable copy adds, clear of every number the original file refers to. */
import { PDFArray, PDFDict, PDFRef, PDFStream, type PDFDocument, type PDFObject } from 'pdf-lib';

/**
 * Makes pdf-lib number new objects past every reference in the file, dangling ones too: it counts only the objects it
 * read, so a reference to an object the file lacks (a page whose object is missing, a /Gone image) would name the
 * copy's font or layer stream instead of nothing.
 */
export function reserveReferencedNumbers(pdf: PDFDocument): void {
  let highest = pdf.context.largestObjectNumber;
  const visit = (obj: PDFObject): void => {
    if (obj instanceof PDFRef) highest = Math.max(highest, obj.objectNumber);
    else if (obj instanceof PDFArray) obj.asArray().forEach(visit);
    else if (obj instanceof PDFDict) for (const [, value] of obj.entries()) visit(value);
    else if (obj instanceof PDFStream) visit(obj.dict);
  };
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) visit(obj);
  pdf.context.largestObjectNumber = highest;
}
