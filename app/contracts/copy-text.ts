/** The text a screen capture puts on the clipboard, per the `captureCopy` setting (desktop and web alike). */
import type { Settings } from './settings';
import { joinText } from './join-text';

/** How a capture's text is copied. */
export type CaptureCopy = Settings['captureCopy'];

/** The result's lines as read (one per line), or all of them joined into one paragraph (no space after CJK). */
export function captureText(result: { readonly text: string }, mode: CaptureCopy): string {
  if (mode === 'lines') return result.text;
  const lines = result.text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return joinText(lines);
}
