/** Desktop notifications (Electron's Notification), silently skipped where the platform has none. */

/** Shows a notification. */
export type Notify = (title: string, body: string) => void;

/** Electron's Notification class, reduced to what is used. */
export interface NotificationClass {
  isSupported(): boolean;
  new (options: { title: string; body: string; silent?: boolean }): { show(): void };
}

/** A Notify over Electron's Notification. */
export function createNotifier(Notification: NotificationClass): Notify {
  return (title, body) => {
    if (!Notification.isSupported()) return;
    new Notification({ title, body, silent: true }).show();
  };
}
