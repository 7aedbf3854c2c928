/** The answer to an image read through a document output (`?output=txt|md|pdf`) whose one page could not be read. */
import { LanternError } from '../contracts/errors';
import { isReadPage, type DocumentResult } from '../documents/document-types';

/**
 * The error of a one-image upload whose page failed, with its own code: the JSON answer refuses such an image (400
 * BAD_IMAGE, 413 IMAGE_TOO_LARGE), so the other outputs must not turn it into a 200 with no text.
 */
export function unreadImageError(doc: DocumentResult): LanternError | undefined {
  const [page, ...more] = doc.pages;
  if (!page || more.length > 0 || isReadPage(page)) return undefined;
  return new LanternError(page.error.code, page.error.message);
}
