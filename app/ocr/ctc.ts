/** CTC greedy decoding of the recogniser's output (PaddleOCR's CTCLabelDecode). */

/** Builds the recogniser's label list: blank, the dictionary, then a space when the model uses one. */
export function ctcCharset(dictionary: readonly string[], useSpaceChar: boolean): readonly string[] {
  return ['', ...dictionary, ...(useSpaceChar ? [' '] : [])];
}

/** One decoded sequence: its text and the mean probability of the kept characters. */
export interface Decoded {
  readonly text: string;
  readonly score: number;
}

/**
 * Decodes `n` sequences of `steps` x `classes` probabilities: argmax per step, collapse repeats, drop blanks (index 0).
 */
export function ctcDecode(
  probs: Float32Array,
  n: number,
  steps: number,
  classes: number,
  charset: readonly string[],
): Decoded[] {
  const out: Decoded[] = [];
  for (let i = 0; i < n; i++) {
    let text = '';
    let sum = 0;
    let kept = 0;
    let prev = -1;
    for (let t = 0; t < steps; t++) {
      const base = (i * steps + t) * classes;
      let best = 0;
      let bestP = probs[base]!;
      for (let c = 1; c < classes; c++) {
        const p = probs[base + c]!;
        if (p > bestP) {
          bestP = p;
          best = c;
        }
      }
      if (best !== 0 && best !== prev) {
        text += charset[best] ?? '';
        sum += bestP;
        kept++;
      }
      prev = best;
    }
    out.push({ text, score: kept === 0 ? 0 : sum / kept });
  }
  return out;
}
