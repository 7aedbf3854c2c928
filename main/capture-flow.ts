/**
 * Screen capture on the desktop: permission check, every display frozen, the selector on each, the crop OCRed at
 * interactive priority (a warming engine queues it; it is never dropped), the text to the clipboard, a notification
 * with the first line, and History. "Repeat last region" crops the same pixels of the same display without a selector.
 */
import { captureText, type CaptureCopy } from '../app/capture/copy-text';
import { physicalCrop, type DisplayGeometry, type Rect } from '../app/capture/region-geometry';
import type { OcrService } from '../app/engine/ocr-service';
import type { HistoryService } from '../app/http/backend';
import type { OcrResult } from '../app/ocr/types';
import type { DisplayShot } from './capture-displays';
import { historyImageOf } from './capture-history-image';
import type { Notify } from './notifications';

/** What the user picked: a crop in the physical pixels of one display's image. */
export interface CaptureSelection {
  readonly displayId: number;
  readonly crop: Rect;
}

/** A recognised region, as the window shows it when the notification is clicked. */
export interface CapturedRegion {
  readonly name: string;
  /** The crop as read (PNG). */
  readonly png: Uint8Array;
  readonly result: OcrResult;
}

/** macOS screen-recording permission as systemPreferences.getMediaAccessStatus('screen') reports it. */
export type MediaAccess = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/** How one capture ended. */
export type CaptureOutcome =
  | { readonly kind: 'copied'; readonly text: string }
  | { readonly kind: 'no-text' }
  | { readonly kind: 'cancelled' }
  /** Another capture was still running: it was brought forward or the user was told. */
  | { readonly kind: 'busy' }
  | { readonly kind: 'denied'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Everything the flow needs from Electron and the app, as parameters. */
export interface CaptureDeps {
  readonly platform: NodeJS.Platform;
  /** XDG_SESSION_TYPE: "wayland" captures through the desktop portal. */
  readonly sessionType?: string;
  readonly screenAccess?: () => MediaAccess;
  readonly displays: () => readonly DisplayGeometry[];
  readonly grab: (displays: readonly DisplayGeometry[]) => Promise<DisplayShot[]>;
  /** Shows the selector over every shot; null when cancelled. */
  readonly select: (shots: readonly DisplayShot[]) => Promise<CaptureSelection | null>;
  readonly engine: Pick<OcrService, 'recognize'>;
  readonly clipboard: { writeText(text: string): void | Promise<void> };
  readonly history?: Pick<HistoryService, 'add'>;
  readonly notify: Notify;
  readonly log: (level: 'info' | 'warn', m: string) => void;
  /** The `captureCopy` setting: lines as read, or one paragraph (lines when absent). */
  readonly copyMode?: () => CaptureCopy;
  /** Shows a region in the window (the notification's click); without it the notification does nothing. */
  readonly open?: (region: CapturedRegion) => void;
  /** Whether the engine is still loading or warming up (the request then waits, and the user is told). */
  readonly warming?: () => boolean;
  /** Brings the open selector forward (a trigger while it is up). */
  readonly raiseSelector?: () => void;
}

/** The name of a capture in History. */
const HISTORY_NAME = 'Screen capture';

/** The explanation shown when macOS has not granted Screen Recording. */
export const MAC_PERMISSION_MESSAGE =
  'Lantern OCR needs the Screen Recording permission: open System Settings › Privacy & Security › Screen & System ' +
  'Audio Recording, turn Lantern OCR on, then quit and reopen Lantern OCR.';

/** The explanation shown when a Wayland portal refuses or the capture gives nothing. */
export function captureFailedMessage(sessionType: string | undefined, why: string): string {
  return sessionType === 'wayland'
    ? `The desktop's screen-capture portal refused or was cancelled (${why}). On Wayland, Lantern captures through ` +
        'xdg-desktop-portal (PipeWire): allow the screen share when the portal asks, and make sure a portal backend ' +
        'for your desktop (GNOME, KDE, wlroots) is installed.'
    : `The screen could not be captured: ${why}`;
}

/** The flow: `capture()` for the shortcut and the tray, `repeat()` for "Repeat last region". */
export function captureFlow(d: CaptureDeps) {
  let last: CaptureSelection | null = null;
  /** What the running capture is doing: a trigger meanwhile is answered by it. */
  let stage: 'idle' | 'grabbing' | 'selecting' | 'reading' = 'idle';

  const fail = (o: CaptureOutcome & { kind: 'denied' | 'failed' }): CaptureOutcome => {
    d.log('warn', `capture: ${o.message}`);
    d.notify(o.kind === 'denied' ? 'Screen capture is not allowed' : 'Screen capture failed', o.message);
    return o;
  };

  const permitted = (): CaptureOutcome | null => {
    if (d.platform !== 'darwin' || !d.screenAccess) return null;
    const access = d.screenAccess();
    return access === 'granted' || access === 'not-determined'
      ? null
      : fail({ kind: 'denied', message: MAC_PERMISSION_MESSAGE });
  };

  const shoot = async (displays: readonly DisplayGeometry[]): Promise<DisplayShot[] | CaptureOutcome> => {
    try {
      const shots = await d.grab(displays);
      if (shots.length === 0)
        return fail({
          kind: 'failed',
          message: captureFailedMessage(d.sessionType, 'no screen was returned'),
        });
      return shots;
    } catch (err) {
      return fail({ kind: 'failed', message: captureFailedMessage(d.sessionType, (err as Error).message) });
    }
  };

  const recognise = async (shot: DisplayShot, sel: CaptureSelection): Promise<CaptureOutcome> => {
    try {
      // Clamped to this image: a repeat after a resolution change must not crop outside it.
      const crop = physicalCrop(sel.crop, 1, shot.image.getSize());
      if (!crop) return fail({ kind: 'failed', message: 'the region is outside the display now' });
      const cropped = shot.image.crop(crop);
      stage = 'reading';
      const png = new Uint8Array(await cropped.toPNG());
      if (d.warming?.())
        d.notify(
          'The engine is still starting',
          'The region will be read and copied as soon as it is ready.',
        );
      const result = await d.engine.recognize(
        { kind: 'bytes', name: 'screen-capture.png', bytes: png },
        { paragraphs: true },
        { priority: 'interactive' },
      );
      const region: CapturedRegion = { name: HISTORY_NAME, png, result };
      const open = d.open && { label: 'Open', run: () => d.open!(region) };
      const text = captureText(result, d.copyMode?.() ?? 'lines');
      if (text.trim()) {
        await d.clipboard.writeText(text);
        const first = result.text.split('\n').find((l) => l.trim()) ?? '';
        d.notify(
          'Text copied to the clipboard',
          first.length > 120 ? `${first.slice(0, 119)}…` : first,
          open,
        );
      } else d.notify('No text found in the region', 'The clipboard was left as it is.', open);
      // After the clipboard: History's copy of the crop may need a JPEG encode.
      await remember(cropped, region);
      return text.trim() ? { kind: 'copied', text } : { kind: 'no-text' };
    } catch (err) {
      return fail({
        kind: 'failed',
        message: `The region could not be recognised: ${(err as Error).message}`,
      });
    }
  };

  /** History gets the entry with a bounded copy of the crop; a failure there never fails the capture. */
  const remember = async (cropped: DisplayShot['image'], region: CapturedRegion): Promise<void> => {
    if (!d.history) return;
    try {
      await d.history.add(region.name, region.result, await historyImageOf(cropped, region.png));
    } catch (err) {
      d.log('warn', `capture: not added to history: ${(err as Error).message}`);
    }
  };

  /**
   * One run at a time. A trigger meanwhile is never lost silently: the selector comes forward, or a notification
   * says the region already chosen is being read (a second capture would race it to the clipboard).
   */
  const once = async (run: () => Promise<CaptureOutcome>): Promise<CaptureOutcome> => {
    if (stage === 'selecting') d.raiseSelector?.();
    else if (stage === 'reading')
      d.notify(
        'A capture is already in progress',
        d.warming?.()
          ? 'The region you selected will be read and copied as soon as the engine is ready.'
          : 'The region you selected is being read; its text is copied in a moment.',
      );
    if (stage !== 'idle') return { kind: 'busy' };
    stage = 'grabbing';
    try {
      return await run();
    } finally {
      stage = 'idle';
    }
  };

  return {
    capture: () =>
      once(async () => {
        const denied = permitted();
        if (denied) return denied;
        const shots = await shoot(d.displays());
        if (!Array.isArray(shots)) return shots;
        stage = 'selecting';
        const sel = await d.select(shots);
        if (!sel) return { kind: 'cancelled' };
        const shot = shots.find((s) => s.display.id === sel.displayId);
        if (!shot) return fail({ kind: 'failed', message: 'the selected display is gone' });
        last = sel;
        return recognise(shot, sel);
      }),
    repeat: () =>
      once(async () => {
        const sel = last;
        if (!sel) {
          d.notify(
            'No region yet',
            'Capture a region first; Repeat last region then reads the same place again.',
          );
          return { kind: 'cancelled' };
        }
        const denied = permitted();
        if (denied) return denied;
        const display = d.displays().find((x) => x.id === sel.displayId);
        if (!display)
          return fail({ kind: 'failed', message: 'the display of the last region is no longer connected' });
        const shots = await shoot([display]);
        if (!Array.isArray(shots)) return shots;
        return recognise(shots[0]!, sel);
      }),
    /** Whether a region was captured before (the tray enables "Repeat last region"). */
    hasLast: () => last !== null,
  };
}
