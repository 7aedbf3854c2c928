/** A scan whose only text of its own is a stamp: its words are in the image, so the page is OCRed. */
import type { PageFrame } from './page-geometry';
import type { PageText } from './pdf-page-text';

/**
 * Lines of its own a stamped scan has at most: a tool that stamps scans adds a line or two (a Bates number, a page
 * number, "Scanned by …", a received date), while a text layer that is the page's text (born-digital, or an earlier
 * OCR pass) has a line per line of the page.
 */
export const STAMP_LINES = 2;

/**
 * Whether a page is a scan (an image over half of it or more) whose own text is no more than a stamp: read from that
 * text alone it would give the stamp and lose the scan's words, so it is OCRed as `--force-ocr` would, and its
 * searchable copy layers the lines the stamp does not hold.
 */
export function stampedScan(frame: PageFrame, own: PageText): boolean {
  return frame.scanned === true && own.lines.length <= STAMP_LINES;
}
