/**
 * When a window's page goes (a reload or other main-frame navigation, a crashed renderer, the webContents destroyed),
 * whatever it started and still waits on has nobody to show it to: `onPageGone` says so once per going.
 */

/** Electron's `did-start-navigation` details (the parts read). */
export interface NavigationStart {
  readonly isMainFrame: boolean;
  readonly isSameDocument: boolean;
}

/** The part of a webContents watched. */
export interface PageContents {
  on(event: 'did-start-navigation', listener: (details: NavigationStart) => void): unknown;
  on(event: 'render-process-gone' | 'destroyed', listener: () => void): unknown;
}

/** Why the page went. */
export type PageGoneReason = 'navigated' | 'crashed' | 'destroyed';

/** Calls `gone` each time the page goes; in-page navigation (history API) and subframes keep the page. */
export function onPageGone(contents: PageContents, gone: (why: PageGoneReason) => void): void {
  // At the start, not the commit: the old page can no longer be shown its results, and the new one has asked nothing.
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument) gone('navigated');
  });
  contents.on('render-process-gone', () => gone('crashed'));
  contents.on('destroyed', () => gone('destroyed'));
}
