/** Whether a line is Chinese text: enough neighbouring ideographs that its spacing follows Chinese typesetting. */

/** CJK ideographs (the unified blocks and compatibility ideographs). */
export const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/** Fewest neighbouring ideograph pairs that make a line Chinese text (a signboard word or a plate has fewer). */
export const MIN_IDEOGRAPH_PAIRS = 3;

/** Whether a line's characters (spaces ignored) hold at least MIN_IDEOGRAPH_PAIRS neighbouring ideograph pairs. */
export function isChineseLine(text: string): boolean {
  const chs = [...text.replace(/\s/gu, '')];
  let pairs = 0;
  for (let i = 1; i < chs.length; i++) if (IDEOGRAPH.test(chs[i - 1]!) && IDEOGRAPH.test(chs[i]!)) pairs++;
  return pairs >= MIN_IDEOGRAPH_PAIRS;
}
