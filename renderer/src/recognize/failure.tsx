/** How a failed recognition reads: a sentence for the code in the UI language, then the engine's own words with their figures localised. */
import type { MessageKey } from '../i18n/messages';
import { localiseFigures } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

/** The codes with a sentence of their own; the others say "Recognition failed". */
const HEADLINES: Readonly<Record<string, MessageKey>> = {
  BAD_IMAGE: 'failure.BAD_IMAGE',
  EMPTY_INPUT: 'failure.EMPTY_INPUT',
  PDF_ENCRYPTED: 'failure.PDF_ENCRYPTED',
  BAD_PDF: 'failure.BAD_PDF',
  PDF_EMPTY: 'failure.PDF_EMPTY',
  TOO_MANY_PAGES: 'failure.TOO_MANY_PAGES',
  FILE_NOT_FOUND: 'failure.FILE_NOT_FOUND',
  FILE_UNREADABLE: 'failure.FILE_UNREADABLE',
  CANCELLED: 'failure.CANCELLED',
  IMAGE_TOO_LARGE: 'failure.IMAGE_TOO_LARGE',
  PAYLOAD_TOO_LARGE: 'failure.PAYLOAD_TOO_LARGE',
  QUEUE_FULL: 'failure.QUEUE_FULL',
  ENGINE_CRASHED: 'failure.ENGINE',
  ENGINE_UNAVAILABLE: 'failure.ENGINE',
  ENGINE_STOPPED: 'failure.ENGINE',
  TIMEOUT: 'failure.ENGINE',
  SERVER_UNREACHABLE: 'failure.SERVER_UNREACHABLE',
  UNAUTHORIZED: 'failure.UNAUTHORIZED',
};

/** A failed item's error as its transports carry it. */
type FailureError = { readonly code: string; readonly message: string };

/** A failure's three parts: the UI's sentence for its code, the engine's words with figures localised, the code. */
function useFailureParts(): (error: FailureError) => { headline: string; words: string; code: string } {
  const { t, lang } = useI18n();
  return (e) => ({
    headline: t(HEADLINES[e.code] ?? 'failure.other'),
    words: localiseFigures(lang, e.message),
    code: e.code,
  });
}

/** One line of text: "The image is too large. the image is larger than 100,000,000 pixels (IMAGE_TOO_LARGE)". */
export function useFailureText(): (error: FailureError) => string {
  const parts = useFailureParts();
  return (e) => {
    const p = parts(e);
    return `${p.headline} ${p.words} (${p.code})`;
  };
}

/**
 * The same line as elements: the engine's own words are English in every UI language, and marked so, which a
 * screen reader reading the Chinese UI needs to voice them as English.
 */
export function FailureText(props: { readonly error: FailureError }) {
  const p = useFailureParts()(props.error);
  return (
    <>
      {p.headline} <span lang="en">{p.words}</span> ({p.code})
    </>
  );
}
