/** The median the layout and spacing rules measure lines by. */

/** The middle value of a list (the upper of the two middles for an even count), 0 for an empty one. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
