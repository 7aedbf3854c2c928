/** The tray icon: its colour and tooltip follow the engine state; its menu is rebuilt when what it shows changes. */
import type { MenuItemConstructorOptions } from 'electron';
import type { EngineStatus } from '../app/contracts/status';
import { trayIconKind, type TrayIconKind } from './tray-icons';
import type { PageProgress } from '../app/contracts/lantern-api';
import { documentLine, modelStateLine, trayMenuTemplate, type TrayActions } from './tray-menu';

/** The part of an Electron Tray used. */
export interface TrayLike<I, M> {
  setImage(image: I): void;
  setToolTip(text: string): void;
  setContextMenu(menu: M): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

/** What the tray needs. */
export interface TrayDeps<I, M> {
  /** new Tray(image). */
  readonly createTray: (image: I) => TrayLike<I, M>;
  /** Menu.buildFromTemplate. */
  readonly buildMenu: (template: MenuItemConstructorOptions[]) => M;
  /** The image of an icon kind (nativeImage.createFromBuffer of trayIconPng). */
  readonly iconFor: (kind: TrayIconKind) => I;
  readonly engine: { readonly status: EngineStatus; onStatus(cb: (s: EngineStatus) => void): () => void };
  readonly watchingPaused: () => boolean;
  readonly actions: TrayActions;
}

/** A running tray. */
export interface TrayController {
  /** Re-reads the state (e.g. after watching was paused) and updates the icon and menu if they changed. */
  refresh(): void;
  /** A page of a document read in the window is done ("Page 3 of 12" in the tooltip and menu). */
  documentPage(p: PageProgress): void;
  /** That document finished, failed or was cancelled: its line goes. */
  documentEnd(file: string): void;
  destroy(): void;
}

/** Creates the tray and keeps it in step with the engine. */
export function setupTray<I, M>(d: TrayDeps<I, M>): TrayController {
  let status = d.engine.status;
  /** Documents being read, by file, in the order their latest page came. */
  const documents = new Map<string, PageProgress>();
  let shown = {
    kind: trayIconKind(status.state),
    line: '',
    paused: d.watchingPaused(),
    state: status.state,
    doc: undefined as string | undefined,
  };
  const tray = d.createTray(d.iconFor(shown.kind));
  const render = (force: boolean) => {
    const next = {
      kind: trayIconKind(status.state),
      line: modelStateLine(status),
      paused: d.watchingPaused(),
      state: status.state,
      doc: documentLine([...documents.values()]),
    };
    if (
      !force &&
      next.kind === shown.kind &&
      next.line === shown.line &&
      next.paused === shown.paused &&
      next.state === shown.state &&
      next.doc === shown.doc
    )
      return; // heartbeats republish the same status every few seconds: nothing to redraw
    if (force || next.kind !== shown.kind) tray.setImage(d.iconFor(next.kind));
    tray.setToolTip(`Lantern OCR — ${next.line.replace(/^Model: /, '')}${next.doc ? `\n${next.doc}` : ''}`);
    tray.setContextMenu(
      d.buildMenu(
        trayMenuTemplate(
          { status, watchingPaused: next.paused, ...(next.doc ? { documentLine: next.doc } : {}) },
          d.actions,
        ),
      ),
    );
    shown = next;
  };
  render(true);
  tray.on('click', () => d.actions.showWindow());
  const off = d.engine.onStatus((s) => {
    status = s;
    render(false);
  });
  return {
    refresh: () => render(false),
    documentPage: (p) => {
      documents.delete(p.file);
      documents.set(p.file, p);
      render(false);
    },
    documentEnd: (file) => {
      if (documents.delete(file)) render(false);
    },
    destroy: () => {
      off();
      tray.destroy();
    },
  };
}
