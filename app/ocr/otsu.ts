/** Otsu's threshold of a luma histogram: the split of a region into its two tones (paper and desk, ink and ground). */

/** The two tones of a histogram: the threshold (the darker tone is at most `t`), each tone's mean level and count. */
export interface TwoTones {
  readonly t: number;
  readonly below: number;
  readonly above: number;
  readonly nBelow: number;
  readonly nAbove: number;
}

/** Otsu's threshold of a 256-bin histogram holding `n` values, with the two classes' means and counts. */
export function otsu(hist: Uint32Array, n: number): TwoTones {
  let sum = 0;
  hist.forEach((c, v) => (sum += c * v));
  let [best, t, sumB, wB] = [-1, 0, 0, 0];
  for (let v = 0; v < 256; v++) {
    wB += hist[v]!;
    if (wB === 0 || wB === n) continue;
    sumB += v * hist[v]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / (n - wB);
    const between = wB * (n - wB) * (mB - mF) ** 2;
    if (between > best) [best, t] = [between, v];
  }
  let [cb, sb, ca, sa] = [0, 0, 0, 0];
  hist.forEach((c, v) => {
    if (v <= t) [cb, sb] = [cb + c, sb + c * v];
    else [ca, sa] = [ca + c, sa + c * v];
  });
  return { t, below: cb ? sb / cb : 0, above: ca ? sa / ca : 0, nBelow: cb, nAbove: ca };
}

/** The luma (Rec. 601) of the RGB pixel at byte offset `i`. */
export const luma = (d: Uint8Array, i: number): number =>
  (d[i]! * 299 + d[i + 1]! * 587 + d[i + 2]! * 114) / 1000;
