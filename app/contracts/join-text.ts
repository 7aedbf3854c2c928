/** How wrapped lines join into running text (the pipeline's paragraphs and a capture's one-paragraph copy). */
const CJK_END = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$/u;

/** Joins wrapped lines with a space, or with nothing after a CJK character. */
export function joinText(lines: readonly string[]): string {
  return lines.reduce((acc, l) => (acc === '' ? l : CJK_END.test(acc) ? acc + l : `${acc} ${l}`), '');
}
