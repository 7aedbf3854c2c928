/** Where the keyboard focus goes once a row of a Batch & Watch list is gone, so that it never falls back to <body>. */
import { neighbourOf } from '../recognize/strip-focus';

/**
 * The control to focus after the row `gone` left `list` (rows carry `data-id`, the control `data-<control>`): the same
 * control of the row after it, else before it, else `fallback`. Null while the focus is elsewhere than <body> (the
 * row goes when the server answers, and the user may have moved on meanwhile).
 */
export function focusAfterRowGone(
  list: HTMLElement | null,
  ids: readonly string[],
  gone: string,
  control: string,
  fallback: HTMLElement | null,
): HTMLElement | null {
  const active = document.activeElement;
  if (active && active !== document.body) return null;
  const next = neighbourOf(ids, gone);
  const row = next
    ? list?.querySelector<HTMLElement>(`[data-id="${CSS.escape(next)}"] [data-${control}]`)
    : null;
  return row ?? fallback;
}
