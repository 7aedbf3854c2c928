/** Where the keyboard focus goes when an item leaves the image strip, so that it never falls back to <body>. */

/** The item that takes the focus when `id` is removed: the one after it, else the one before; null when none is left. */
export function neighbourOf(ids: readonly string[], id: string): string | null {
  const i = ids.indexOf(id);
  if (i < 0) return null;
  return ids[i + 1] ?? ids[i - 1] ?? null;
}
