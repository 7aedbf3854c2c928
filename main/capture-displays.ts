/** Every display at its native pixel size through desktopCapturer, and the overlay window for each. */
import type { BrowserWindowConstructorOptions } from 'electron';
import { nativeSize, type DisplayGeometry, type Rect, type Size } from '../app/capture/region-geometry';
import { secureWebPreferences } from './window';

/** A screenshot as Electron's NativeImage offers it (encoders may be asynchronous elsewhere: the bench's sharp image). */
export interface ImageLike {
  getSize(): Size;
  crop(rect: Rect): ImageLike;
  resize(o: { width: number; height: number; quality: 'good' }): ImageLike;
  toPNG(): Uint8Array | Promise<Uint8Array>;
  toJPEG(quality: number): Uint8Array | Promise<Uint8Array>;
  toDataURL(): string;
}

/** One desktopCapturer source (Electron's DesktopCapturerSource fits). */
export interface ScreenSource {
  readonly display_id: string;
  readonly thumbnail: ImageLike;
}

/** The part of desktopCapturer used. */
export interface DesktopCapturerLike {
  getSources(o: { types: 'screen'[]; thumbnailSize: Size }): Promise<ScreenSource[]>;
}

/** A display with its frozen image. */
export interface DisplayShot {
  readonly display: DisplayGeometry;
  readonly image: ImageLike;
}

/**
 * The getSources calls needed: desktopCapturer scales every thumbnail of one call to fit one size (a small display
 * would be scaled up), so displays are grouped by native size and each group asked at exactly that size.
 */
export function thumbnailRequests(
  displays: readonly DisplayGeometry[],
): { size: Size; displays: DisplayGeometry[] }[] {
  const groups = new Map<string, { size: Size; displays: DisplayGeometry[] }>();
  for (const d of displays) {
    const size = nativeSize(d);
    const key = `${size.width}x${size.height}`;
    const g = groups.get(key) ?? { size, displays: [] };
    g.displays.push(d);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Takes every display at native size; a source is matched by display id, else by position (some Linux setups give no id). */
export async function grabDisplays(
  capturer: DesktopCapturerLike,
  displays: readonly DisplayGeometry[],
): Promise<DisplayShot[]> {
  const shots: DisplayShot[] = [];
  for (const g of thumbnailRequests(displays)) {
    const sources = await capturer.getSources({ types: ['screen'], thumbnailSize: g.size });
    g.displays.forEach((display) => {
      const all = displays.indexOf(display);
      const source =
        sources.find((s) => s.display_id === String(display.id)) ??
        (sources.every((s) => !s.display_id) ? (sources[all] ?? sources[0]) : undefined);
      if (source && source.thumbnail.getSize().width > 0) shots.push({ display, image: source.thumbnail });
    });
  }
  return shots;
}

/** The overlay over one display: frameless, on top of everything, exactly the display's bounds, sandboxed like the main window. */
export function overlayWindowOptions(
  display: DisplayGeometry,
  preload: string,
): BrowserWindowConstructorOptions {
  return {
    x: display.bounds.x,
    y: display.bounds.y,
    width: display.bounds.width,
    height: display.bounds.height,
    frame: false,
    show: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    hasShadow: false,
    enableLargerThanScreen: true,
    focusable: true,
    title: 'Lantern OCR: select a region',
    backgroundColor: '#000000',
    webPreferences: secureWebPreferences(preload),
  };
}
