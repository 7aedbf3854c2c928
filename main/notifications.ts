/** Desktop notifications (Electron's Notification), silently skipped where the platform has none. */

/** What a click on a notification (or its button, on macOS and Windows) does. */
export interface NotifyAction {
  /** The button's label. */
  readonly label: string;
  readonly run: () => void;
}

/** Shows a notification; with an action, a click on it (or its button) runs the action. */
export type Notify = (title: string, body: string, action?: NotifyAction) => void;

/** Electron's Notification class, reduced to what is used. */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: {
    title: string;
    body: string;
    silent?: boolean;
    actions?: { type: 'button'; text: string }[];
  }): { show(): void; on(event: 'click' | 'action' | 'close', listener: () => void): unknown };
}

/** Clickable notifications held at most (the oldest is let go: on some Linux servers 'close' never comes). */
const HELD_MAX = 20;

/** A Notify over Electron's Notification. */
export function createNotifier(Notification: NotificationClass, platform: NodeJS.Platform): Notify {
  // A notification collected by the GC loses its click handler (Electron), so clickable ones are held until closed.
  const held = new Set<object>();
  return (title, body, action) => {
    if (!Notification.isSupported()) return;
    const buttons = action && (platform === 'darwin' || platform === 'win32');
    const n = new Notification({
      title,
      body,
      silent: true,
      ...(buttons ? { actions: [{ type: 'button' as const, text: action.label }] } : {}),
    });
    if (action) {
      held.add(n);
      if (held.size > HELD_MAX) held.delete(held.values().next().value!);
      const run = () => {
        held.delete(n);
        action.run();
      };
      n.on('click', run);
      n.on('action', run);
      n.on('close', () => held.delete(n));
    }
    n.show();
  };
}
