/**
 * Names for things that must not share one (output files, output folders): each keeps its plain name when it is the
 * first to have it, and a later one gets the first of its variants (k = 2, 3, …) that no plain name and no earlier
 * variant has. Names are compared without case, as macOS and Windows file systems do; the order decides, so the same
 * inputs always get the same names.
 */
export function distinctNames(
  plain: readonly string[],
  variant: (index: number, k: number) => string,
): readonly string[] {
  const key = (name: string) => name.toLowerCase();
  const owner = new Map<string, number>();
  plain.forEach((name, i) => {
    if (!owner.has(key(name))) owner.set(key(name), i);
  });
  const used = new Set(owner.keys());
  return plain.map((name, i) => {
    if (owner.get(key(name)) === i) return name;
    let k = 2;
    while (used.has(key(variant(i, k)))) k++;
    used.add(key(variant(i, k)));
    return variant(i, k);
  });
}
