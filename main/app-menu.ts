/**
 * The application menu. Electron's default one carries Reload and Toggle Developer Tools; packaged builds get the
 * same menu without them (DevTools stay reachable in development, `electron .`).
 */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu depends on. */
export interface AppMenuOptions {
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
}

/** The menu template (Menu.buildFromTemplate it, then Menu.setApplicationMenu). */
export function appMenuTemplate(o: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const dev: MenuItemConstructorOptions[] = o.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...dev,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
