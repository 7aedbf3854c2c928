/**
 * Quitting: `before-quit` marks the app as quitting (so close-to-tray lets the window close); the first `will-quit`
 * is held until the engine, watchers and servers have stopped (bounded), then the quit goes on.
 */

/** The part of Electron's app used. */
export interface QuitApp {
  on(event: 'before-quit', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  quit(): void;
}

/** What quitting needs. */
export interface QuitDeps {
  readonly app: QuitApp;
  readonly platform: NodeJS.Platform;
  /** Stops the engine, watchers, server; closes the ledger. */
  readonly cleanup: () => Promise<void>;
  /** The most time cleanup may take before the app quits anyway. */
  readonly timeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** Installs the quit handlers; `isQuitting()` tells close-to-tray whether the window may close. */
export function setupQuit(d: QuitDeps): { isQuitting(): boolean } {
  let quitting = false;
  let cleaned = false;
  let cleaning = false;
  d.app.on('before-quit', () => {
    quitting = true;
  });
  // Only reached when windows really closed: close-to-tray hides instead. macOS apps stay in the dock.
  d.app.on('window-all-closed', () => {
    if (d.platform !== 'darwin') d.app.quit();
  });
  d.app.on('will-quit', (event) => {
    if (cleaned) return;
    event.preventDefault();
    if (cleaning) return;
    cleaning = true;
    quitting = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        d.log?.('cleanup timed out: quitting anyway');
        resolve();
      }, d.timeoutMs ?? 8000);
    });
    void Promise.race([
      d.cleanup().catch((err: unknown) => d.log?.(`cleanup failed: ${(err as Error).message}`)),
      timeout,
    ]).then(() => {
      clearTimeout(timer);
      cleaned = true;
      d.app.quit();
    });
  });
  return { isQuitting: () => quitting };
}
