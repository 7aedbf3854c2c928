/**
 * Chinese licence plates read with the separator they print. A plate is a province's character, the issuing office's
 * letter, a raised dot, then five characters (six on new-energy plates); on a small or blurred crop the dot is a
 * blob of a few pixels that the recogniser reads as any small mark ("皖A-72G21"), so search and copy differ from
 * plate to plate. A read that is a whole plate gets the dot the plate prints (U+00B7, which the recogniser emits when
 * it sees it right).
 */
import type { Decoded } from './ctc';
import { withRewrittenText } from './read-text';

/** Provinces, municipalities and autonomous regions: the first character of every civil plate. */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** A whole read that is a plate, its separator read as a hyphen, full stop, bullet or other dot, half or full width. */
const PLATE = new RegExp(
  `^([${PROVINCES}][A-Z])[-.\\u2022\\u2219\\u30fb\\uff0e\\uff0d]([A-Z0-9]{5,6})$`,
  'u',
);

/** The plate's text with its dot, or the text as it was when it is not a whole plate. */
export function plateDot(text: string): string {
  const m = PLATE.exec(text);
  return m ? `${m[1]}\u00b7${m[2]}` : text;
}

/** A read line with `plateDot` applied to its text and its words. */
export const withPlateDot = (d: Decoded): Decoded => withRewrittenText(d, plateDot);
