/**
 * Chinese licence plates read as the plate prints them. A civil plate is a province's character, the issuing office's
 * letter, a raised dot, then five characters (six on new-energy plates), whose letters never include I or O (the
 * plate standard leaves them out so they cannot be taken for 1 and 0). On a small, blurred or tightly cut crop the
 * dot is a blob of a few pixels that the recogniser reads as any small mark ("皖A-72G21"), and a 1 or 0 comes out as
 * the letter it resembles ("皖M·CNI17"), so search and copy differ from plate to plate.
 */
import type { Decoded } from './ctc';
import { withRewrittenText } from './read-text';

/** Provinces, municipalities and autonomous regions: the first character of every civil plate. */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
/** Marks a plate's dot is read as: the dot itself, hyphen, full stop, colon, bullets, half or full width. */
const SEPARATOR = '\\u00b7\\-.:\\u2022\\u2219\\u30fb\\uff0e\\uff0d\\uff1a';
/** A whole read that is a plate: province, office letter, the separator if read, the serial. */
const PLATE = new RegExp(`^([${PROVINCES}][A-Z])([${SEPARATOR}]?)([A-Z0-9]{5,6})$`, 'u');

/**
 * The plate's text with the dot it prints and its serial's I and O read as 1 and 0, or the text as it was when it
 * is not a whole plate. A read without a separator gets none: there is no place on the crop to put it.
 */
export function plateText(text: string): string {
  const m = PLATE.exec(text);
  if (!m) return text;
  const [, office, separator, serial] = m;
  return `${office}${separator ? '\u00b7' : ''}${serial!.replace(/I/gu, '1').replace(/O/gu, '0')}`;
}

/** A read line with `plateText` applied to its text and its words (one character for one, so spans hold). */
export const withPlateText = (d: Decoded): Decoded => withRewrittenText(d, plateText);
