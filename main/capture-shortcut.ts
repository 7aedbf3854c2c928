/** The global capture shortcut: validated, registered, re-registered when the setting changes, with a clear conflict message. */
import { DEFAULT_SETTINGS } from '../app/contracts/settings';

/** The part of Electron's globalShortcut used. */
export interface GlobalShortcutLike {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

/** Ctrl+Alt+Shift+O ("OCR"): three modifiers, so no common desktop, browser or editor shortcut owns it. */
export const DEFAULT_CAPTURE_SHORTCUT = DEFAULT_SETTINGS.captureShortcut;

const MODIFIERS = new Set([
  'Command',
  'Cmd',
  'Control',
  'Ctrl',
  'CommandOrControl',
  'CmdOrCtrl',
  'Alt',
  'Option',
  'AltGr',
  'Shift',
  'Super',
  'Meta',
]);
const KEY =
  /^([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|PrintScreen|Plus|[-=[\];',./`\\])$/;

/** Why an accelerator cannot be used, or null when it looks like one Electron accepts (at least one modifier and one key). */
export function acceleratorProblem(accelerator: string): string | null {
  // "Ctrl++" names the plus key.
  const parts = (accelerator.endsWith('++') ? `${accelerator.slice(0, -1)}Plus` : accelerator).split('+');
  const key = parts.pop() ?? '';
  if (parts.length === 0) return `"${accelerator}" needs at least one modifier (Ctrl, Alt, Shift, Super)`;
  const bad = parts.find((p) => !MODIFIERS.has(p));
  if (bad) return `"${bad}" is not a modifier`;
  if (!KEY.test(key)) return `"${key}" is not a key Lantern can bind`;
  return null;
}

/** The outcome of (re)registering: the accelerator now bound, or why none is. */
export type ShortcutState =
  | { readonly kind: 'registered'; readonly accelerator: string }
  | { readonly kind: 'off' }
  | { readonly kind: 'invalid'; readonly accelerator: string; readonly message: string }
  | { readonly kind: 'taken'; readonly accelerator: string; readonly message: string };

/**
 * Owns the one capture shortcut: `apply` swaps it for a new accelerator (empty = off) and says what happened; when
 * the new one cannot be bound the old one stays.
 */
export function captureShortcut(d: {
  readonly globalShortcut: GlobalShortcutLike;
  readonly onTrigger: () => void;
  readonly log: (m: string) => void;
}) {
  let current: string | null = null;
  const kept = () => (current ? `${current} stays the shortcut` : 'no shortcut is bound');
  /** Registers `acc`; false when another application (or, for another spelling of it, the current one) holds it. */
  const register = (acc: string): boolean => {
    if (d.globalShortcut.register(acc, d.onTrigger)) return true;
    if (!current) return false;
    // "Ctrl+…" where "CommandOrControl+…" is bound is the same key, held by us: swap, and put the old one back if
    // the key was someone else's after all.
    d.globalShortcut.unregister(current);
    if (d.globalShortcut.register(acc, d.onTrigger)) {
      current = null;
      return true;
    }
    d.globalShortcut.register(current, d.onTrigger);
    return false;
  };
  const apply = (accelerator: string): ShortcutState => {
    const acc = accelerator.trim();
    if (acc && acc === current) return { kind: 'registered', accelerator: acc };
    if (!acc) {
      if (current) d.globalShortcut.unregister(current);
      current = null;
      return { kind: 'off' };
    }
    const problem = acceleratorProblem(acc);
    if (problem) {
      const message = `${problem}; ${kept()}`;
      d.log(`capture shortcut not registered: ${message}`);
      return { kind: 'invalid', accelerator: acc, message };
    }
    let ok = false;
    try {
      ok = register(acc);
    } catch (err) {
      const message = `${acc} was refused: ${(err as Error).message}; ${kept()}`;
      d.log(`capture shortcut not registered: ${message}`);
      return { kind: 'invalid', accelerator: acc, message };
    }
    if (!ok) {
      const message =
        `${acc} is already used by the system or another application; ${kept()}. Choose another shortcut in ` +
        'Settings (Capture text stays in the tray menu).';
      d.log(`capture shortcut not registered: ${message}`);
      return { kind: 'taken', accelerator: acc, message };
    }
    if (current) d.globalShortcut.unregister(current);
    current = acc;
    return { kind: 'registered', accelerator: acc };
  };
  return {
    apply,
    /** Unregisters (on quit). */
    dispose(): void {
      if (current) d.globalShortcut.unregister(current);
      current = null;
    },
  };
}
