/**
 * Warnings a result carries: the input was read, but not all of it was there to read (an image cut short, pages a PDF's
 * page tree hides). A caller shows them beside the text, since the text alone cannot say that something is missing.
 */
/** The warning codes this build gives, one per way an input can be read only in part. */
export const WARNING_CODES = ['IMAGE_TRUNCATED', 'PAGES_HIDDEN'] as const;

/** One of WARNING_CODES. */
export type WarningCode = (typeof WARNING_CODES)[number];

/** A coded warning on the wire: what was not read, and why, in words for a person. */
export interface ResultWarning {
  readonly code: WarningCode;
  readonly message: string;
}

/** The distinct codes of a result's warnings, for a line or a header that has no room for their words. */
export function warningCodes(warnings: readonly ResultWarning[] = []): WarningCode[] {
  return [...new Set(warnings.map((w) => w.code))];
}

/** The warning an image cut short gets: the part that was there was read. */
export const imageTruncated = (): ResultWarning => ({
  code: 'IMAGE_TRUNCATED',
  message:
    'the image file ends early (cut short while it was downloaded or written): the part that is there was read, the rest shows blank',
});

/** The warning a TIFF gets whose chain of pages runs off the end of the file after page `pages`: those were read. */
export const tiffTruncated = (pages: number): ResultWarning => ({
  code: 'IMAGE_TRUNCATED',
  message: `the TIFF file ends early (cut short while it was downloaded or written): it ends after page ${pages}, and the pages that are there were read`,
});

/** The warning a PDF gets whose page tree holds `held` pages while its /Count claims `claimed`: the rest went unread. */
export const pagesHidden = (held: number, claimed: number): ResultWarning => ({
  code: 'PAGES_HIDDEN',
  message: `the PDF's page tree holds ${held} pages but its /Count claims ${claimed}: PDF readers show only the first ${claimed}, and only those were read`,
});
