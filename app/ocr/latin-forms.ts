/**
 * Full-width forms on lines without CJK text, folded to ASCII. Full-width punctuation, letters and digits belong to
 * CJK typesetting; the Chinese+English recogniser's dictionary holds both widths and emits the full-width ones on Latin
 * receipts ("Tax（RM)", "：USER"), where the page printed ASCII. Text that copies, searches and parses as printed.
 */
import type { Decoded } from './ctc';
import { withRewrittenText } from './read-text';

/** Scripts that keep full-width forms on their line: CJK radicals and ideographs, kana, bopomofo, hangul. */
const CJK_SCRIPT =
  /[\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/u;

/** The full-width ASCII block (！ to ～) and the ideographic space. */
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/gu;

/** Whether `text` holds CJK script, so that its full-width forms are its own and stay. */
export const hasCjkScript = (text: string) => CJK_SCRIPT.test(text);

/** `text` with its full-width forms as ASCII, one character for one, when it holds no CJK script; else unchanged. */
export function latinForms(text: string): string {
  if (hasCjkScript(text)) return text;
  return text.replace(FULL_WIDTH, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** A read line with `latinForms` applied to its text and, by the same line's verdict, to each of its words. */
export function withLatinForms(d: Decoded): Decoded {
  return hasCjkScript(d.text) ? d : withRewrittenText(d, latinForms);
}
