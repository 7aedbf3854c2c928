/** The link between boxes and lines: which line is hovered and which are selected (shared by overlay and text). */

/** Hover and selection of the lines of one result. */
export interface LineLink {
  readonly hovered: number | null;
  readonly selected: ReadonlySet<number>;
  /** Where the last selection came from (the other side scrolls to it). */
  readonly origin: 'box' | 'line' | null;
}

/** Nothing hovered or selected. */
export const NO_LINK: LineLink = { hovered: null, selected: new Set(), origin: null };

/** A click on line `i`: alone it selects just that line (or clears it), with a modifier it toggles it. */
export function clickLine(link: LineLink, i: number, additive: boolean, origin: 'box' | 'line'): LineLink {
  const selected = new Set(link.selected);
  if (additive) {
    if (selected.has(i)) selected.delete(i);
    else selected.add(i);
  } else if (selected.size === 1 && selected.has(i)) {
    selected.clear();
  } else {
    selected.clear();
    selected.add(i);
  }
  return { ...link, selected, origin };
}

/** The selected lines' text, in reading order. */
export function selectedText(
  lines: readonly { readonly text: string }[],
  selected: ReadonlySet<number>,
): string {
  return [...selected]
    .sort((a, b) => a - b)
    .map((i) => lines[i]?.text ?? '')
    .join('\n');
}
