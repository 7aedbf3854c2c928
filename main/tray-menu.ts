/** The tray menu as data: built from the engine status and the watch state, so it can be checked without Electron. */
import type { MenuItemConstructorOptions } from 'electron';
import type { EngineStatus } from '../app/contracts/status';
import { faultError } from '../app/engine/status-text';

/** What the menu items do. */
export interface TrayActions {
  showWindow(): void;
  ocrClipboard(): void;
  toggleWatching(): void;
  retryEngine(): void;
  openLog(): void;
  quit(): void;
  /** Screen capture (absent where it is not wired): the selector on every display, and the last region again. */
  captureText?(): void;
  repeatCapture?(): void;
}

/** The state the menu shows. */
export interface TrayMenuState {
  readonly status: EngineStatus;
  readonly watchingPaused: boolean;
  /** "Page 3 of 12 — scan.pdf" while a document is being read in the window, else absent. */
  readonly documentLine?: string;
}

/** The line of a running document: its latest page done, and how many others run beside it. */
export function documentLine(
  running: readonly { readonly file: string; readonly page: number; readonly pages: number }[],
): string | undefined {
  const last = running[running.length - 1];
  if (!last) return undefined;
  const more = running.length > 1 ? ` (+${running.length - 1} more)` : '';
  const line = `Page ${last.page} of ${last.pages} — ${last.file}${more}`;
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/**
 * The one-line model state shown in the menu and the tooltip. In a crash loop it names the clock time of the next
 * try, which stays true while the menu stands, where a count of seconds would go stale; the cause follows it.
 */
export function modelStateLine(s: EngineStatus): string {
  let line = `Model: ${s.message}`;
  if (s.detail.code === 'ERROR') {
    const at = new Date(s.detail.retryAt).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    line = `Model: Engine error, trying again at ${at}${s.fault ? `: ${faultError(s.fault).message}` : ''}`;
  }
  if ((s.state === 'ready' || s.state === 'busy') && (s.providerSummary ?? s.provider))
    line += ` — ${s.providerSummary ?? s.provider}`;
  if (s.state === 'busy') line += ` (${s.queue + s.inFlight} pending)`;
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/** "Capture text" and "Repeat last region", when capture is wired. */
function captureItems(s: EngineStatus, a: TrayActions): MenuItemConstructorOptions[] {
  const { captureText, repeatCapture } = a;
  if (!captureText || !repeatCapture) return [];
  const enabled = s.state !== 'error';
  return [
    { id: 'capture', label: 'Capture text', enabled, click: () => captureText() },
    { id: 'capture-repeat', label: 'Repeat last region', enabled, click: () => repeatCapture() },
  ];
}

/** The menu template. */
export function trayMenuTemplate(state: TrayMenuState, a: TrayActions): MenuItemConstructorOptions[] {
  const s = state.status;
  const items: MenuItemConstructorOptions[] = [
    { id: 'show', label: 'Show window', click: () => a.showWindow() },
    {
      id: 'ocr-clipboard',
      label: 'OCR the image on the clipboard',
      enabled: s.state !== 'error',
      click: () => a.ocrClipboard(),
    },
    ...captureItems(s, a),
    { type: 'separator' },
    {
      id: 'watching',
      label: state.watchingPaused ? 'Resume watching' : 'Pause watching',
      click: () => a.toggleWatching(),
    },
    { type: 'separator' },
    { id: 'model-state', label: modelStateLine(s), enabled: false },
  ];
  if (state.documentLine) items.push({ id: 'document', label: state.documentLine, enabled: false });
  if (s.state === 'error')
    items.push({ id: 'retry', label: 'Retry the engine', click: () => a.retryEngine() });
  items.push(
    { id: 'open-log', label: 'Open the log file', click: () => a.openLog() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Lantern OCR', click: () => a.quit() },
  );
  return items;
}
