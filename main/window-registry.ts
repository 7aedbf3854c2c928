/** Our windows, by webContents id: the IPC sender check asks it, and events are broadcast to its windows. */

/** The part of a BrowserWindow the registry uses. */
export interface RegisteredWindow {
  readonly webContents: {
    readonly id: number;
    send(channel: string, payload: unknown): void;
    isDestroyed(): boolean;
  };
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
}

/** The set of live Lantern windows. */
export class WindowRegistry<W extends RegisteredWindow> {
  private readonly windows = new Map<number, W>();

  /** Adds a window; it leaves the registry when it closes (then `onClosed` runs with its webContents id). */
  add(win: W, onClosed?: (webContentsId: number) => void): void {
    const id = win.webContents.id;
    this.windows.set(id, win);
    win.once('closed', () => {
      this.windows.delete(id);
      onClosed?.(id);
    });
  }

  /** Whether the webContents id is one of our windows. */
  has(webContentsId: number): boolean {
    return this.windows.has(webContentsId);
  }

  /** The window of a webContents id. */
  get(webContentsId: number): W | undefined {
    return this.windows.get(webContentsId);
  }

  /** The first live window, if any. */
  first(): W | undefined {
    for (const w of this.windows.values()) if (!w.isDestroyed()) return w;
    return undefined;
  }

  /** Sends an event to every live window. */
  readonly broadcast = (channel: string, payload: unknown): void => {
    for (const w of this.windows.values())
      if (!w.isDestroyed() && !w.webContents.isDestroyed()) w.webContents.send(channel, payload);
  };
}
