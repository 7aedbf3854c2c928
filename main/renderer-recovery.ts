/**
 * A window whose renderer crashed, ran out of memory or was killed shows a blank page for good (Electron draws no
 * "sad tab"): the page is loaded again. One that keeps crashing is left alone rather than reloaded in a loop.
 */

/** What Electron's `render-process-gone` reports. */
export interface GoneDetails {
  readonly reason: string;
  readonly exitCode: number;
}

/** The part of a webContents used. */
export interface RecoverableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: GoneDetails) => void): unknown;
  reload(): void;
  isDestroyed(): boolean;
}

/** At most this many reloads within `WINDOW_MS`; past it the page is left as it is (a crash loop). */
const MAX_RELOADS = 3;
const WINDOW_MS = 60_000;

/** Reloads the page each time its renderer goes, except on a clean exit (the window closing) or in a crash loop. */
export function reloadWhenGone(
  contents: RecoverableContents,
  o: { readonly log: (message: string) => void; readonly now?: () => number },
): void {
  const now = o.now ?? Date.now;
  let recent: number[] = [];
  contents.on('render-process-gone', (_event, { reason, exitCode }) => {
    if (reason === 'clean-exit' || contents.isDestroyed()) return;
    const t = now();
    recent = [...recent.filter((at) => t - at < WINDOW_MS), t];
    if (recent.length > MAX_RELOADS)
      return o.log(`the window's page ${reason} ${recent.length} times in a minute: not reloading it`);
    o.log(`the window's page ${reason} (exit code ${exitCode}): reloading it`);
    contents.reload();
  });
}
