/** One text rewrite applied to a read line and to each of its words alike. */
import type { Decoded } from './ctc';

/**
 * The read with `rewrite` applied to its text and each of its words, or the very same read when the text is unchanged.
 * `rewrite` must map one character for one, so the words' positions along the crop still hold.
 */
export function withRewrittenText(d: Decoded, rewrite: (text: string) => string): Decoded {
  const text = rewrite(d.text);
  if (text === d.text) return d;
  return { ...d, text, ...(d.words ? { words: d.words.map((w) => ({ ...w, text: rewrite(w.text) })) } : {}) };
}
